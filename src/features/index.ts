import type { FeatureRoutes } from '../platform/http/app.js';
import type { JobHandler } from '../platform/jobs/worker.js';
import { idempotencyExpirySweep, jobCleanupSweep } from '../platform/jobs/platform-sweeps.js';
import type { Sweep } from '../platform/jobs/sweeps.js';
import type { DemoSeeder } from '../platform/seed.js';
import { jingzhouDemo } from '../demo/index.js';
import { jingzhouCasesDemo } from '../demo/jingzhou-cases.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerCaseRoutes } from './cases/routes.js';
import { registerClockRoutes } from './clocks/routes.js';
import { clockEscalationSweep } from '../core/clocks/index.js';
import { registerInboxContributions } from '../core/inbox/registry.js';
import { caseStepsDue } from './cases/inbox.js';
import { alertsForMe } from './clocks/inbox.js';
import { reportsToAcknowledge } from './reports/inbox.js';
import { registerDivisionRoutes } from './divisions/routes.js';
import { registryCountsSweep } from './insight/counts-sweep.js';
import { registerInsightRoutes } from './insight/routes.js';
import { registerOrganisationRoutes } from './organisations/routes.js';
import { registerRegistryRoutes } from './registry/routes.js';
import { ledgerCommitHandler } from './registry/ledger/commit.js';
import { registerLedgerRoutes } from './registry/ledger/routes.js';
import { registerRegistrySearchRoutes } from './registry/search/routes.js';
import { ageOutSweep, reproposeSweep } from './registry/sweeps.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerRuleSetRoutes } from './rule-sets/routes.js';
import { registerUserRoutes } from './users/routes.js';
// What each feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './cases/error-details.js';
import './organisations/error-details.js';
import './registry/error-details.js';

/** Everything the features contribute to the running process; each feature adds itself here. */
export const featureRoutes: FeatureRoutes[] = [
  registerDivisionRoutes,
  registerOrganisationRoutes,
  registerUserRoutes,
  registerRegistryRoutes,
  registerRegistrySearchRoutes,
  registerLedgerRoutes,
  registerAuditRoutes,
  registerInsightRoutes,
  registerRuleSetRoutes,
  registerReportRoutes,
  registerCaseRoutes,
  registerClockRoutes,
];
export const featureSweeps: Sweep[] = [
  idempotencyExpirySweep,
  jobCleanupSweep,
  clockEscalationSweep,
  ageOutSweep,
  reproposeSweep,
  registryCountsSweep,
];
export const featureJobs = new Map<string, JobHandler>([['ledger.commit', ledgerCommitHandler]]);
// Until the feature manifests (issue 13): the inbox contributions, registered where the routes are built.
registerInboxContributions([reportsToAcknowledge, caseStepsDue, alertsForMe]);
export const demoSeeders: DemoSeeder[] = [jingzhouDemo, jingzhouCasesDemo];
