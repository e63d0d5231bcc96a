import type { DemoSeeder } from '../platform/seed.js';
import { jingzhouAssessmentsDemo } from './jingzhou-assessments.js';
import { jingzhouBenefitsDemo } from './jingzhou-benefits.js';
import { jingzhouPaymentsDemo } from './jingzhou-payments.js';
import { jingzhouCasesDemo } from './jingzhou-cases.js';
import { jingzhouCaseNetworkDemo } from './jingzhou-case-network.js';
import { jingzhouConferenceDemo } from './jingzhou-conference.js';
import { jingzhouReferralsDemo } from './jingzhou-referrals.js';
import { jingzhouMatrixReportsDemo } from './jingzhou-matrix-reports.js';
import { seedDemoChildren } from './jingzhou-children.js';
import { jingzhouPlacementsDemo } from './jingzhou-placements.js';
import { jingzhouProcuratorateDemo } from './jingzhou-procuratorate.js';
import { jingzhouTracingDemo } from './jingzhou-tracing.js';
import { jingzhouProjectsDemo } from './jingzhou-projects.js';
import { jingzhouCharityDemo } from './jingzhou-charity.js';
import { seedDemoOrganisations } from './jingzhou-organisations.js';
import { seedDemoPeople } from './jingzhou-people.js';
import { jingzhouVisitsDemo } from './jingzhou-visits.js';
import { jingzhouHouseholdsDemo } from './jingzhou-households.js';
import { jingzhouHistoryDemo } from './jingzhou-history.js';
import { jingzhouHistoryBenefitsDemo } from './jingzhou-history-benefits.js';
import { jingzhouInsightDemo } from './jingzhou-insight.js';
import { jingzhouRollsDemo } from './jingzhou-rolls.js';

/** J city (荆州市) of the study: its organisations, a person for every role, a few children. */
export const jingzhouDemo: DemoSeeder = {
  name: 'jingzhou',
  async seed({ trx, audit }, log, context) {
    const organisations = await seedDemoOrganisations(trx);
    log(`  ${organisations.size} organisations`);
    await seedDemoPeople(trx, organisations, context);
    const children = await seedDemoChildren(trx);
    log(`  ${children.named + children.synthetic} children (${children.synthetic} synthetic)`);
    audit({
      action: 'demo.seed',
      details: { organisations: organisations.size, children: children.named + children.synthetic },
    });
  },
};

/** Every demo seeder, in the order they build on each other: the cases are about J city's children. */
export const demoSeeders: readonly DemoSeeder[] = [
  jingzhouDemo,
  jingzhouCasesDemo,
  jingzhouPlacementsDemo,
  jingzhouTracingDemo,
  jingzhouVisitsDemo,
  jingzhouHouseholdsDemo,
  jingzhouAssessmentsDemo,
  jingzhouReferralsDemo,
  jingzhouMatrixReportsDemo,
  jingzhouCaseNetworkDemo,
  jingzhouBenefitsDemo,
  jingzhouProcuratorateDemo,
  jingzhouConferenceDemo,
  jingzhouPaymentsDemo,
  jingzhouProjectsDemo,
  jingzhouCharityDemo,
  jingzhouRollsDemo,
  jingzhouHistoryDemo,
  jingzhouHistoryBenefitsDemo,
  jingzhouInsightDemo,
];
