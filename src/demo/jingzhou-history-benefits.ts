import { sql } from 'kysely';
import type { ApplicationActionInput } from '../contract/benefits/applications.js';
import type { ExitReason } from '../contract/registry/exit.js';
import { systemScope } from '../core/scope/system-scope.js';
import { actOnApplicationIn, applyForBenefitIn, leaveRegistryIn, runPaymentsIn } from '../features/benefits/service.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { namedChildrenCounties } from './jingzhou-children.js';
import { jingzhou } from './jingzhou-organisations.js';
import { createRng } from './synthetic/prng.js';

/** 'YYYY-MM' of the month `back` months before the one `now` is in (Shanghai). */
function monthBefore(now: Date, back: number): string {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}
const dayOf = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00+08:00`) + days * 86_400_000).toISOString().slice(0, 10);

const benefitTypes = ['201', '120'] as const;
const exitReasons: ExitReason[] = [
  'over_age',
  'birth_parents_found',
  'adoption_in_province',
  'independent_living',
  'hukou_moved',
  'over_age',
];

/**
 * A year of classified security in one county of J city (issue 20's history): every month a few
 * applications received, verified and decided — in time more often as the year goes on —, the
 * county's payment run early in the next month, and now and then a child leaving the registry for
 * one reason or another. The county is one without the payments demo's runs; every step is the real
 * use case of the benefits feature by the city's civil affairs officer, at its past date.
 */
export const jingzhouHistoryBenefitsDemo: DemoSeeder = {
  name: 'jingzhou-history-benefits',
  async seed(uow, log) {
    const { trx } = uow;
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const rng = createRng('jingzhou-history-benefits');
    const paid = await sql<{ county: string }>`
      SELECT DISTINCT left(c.residence_code, 6) AS county FROM benefit_applications a JOIN children c ON c.id = a.child_id
      WHERE ${systemScope('the demo keeps its history out of the counties the payments demo runs')}`.execute(trx);
    const taken = [...namedChildrenCounties, ...paid.rows.map((row) => row.county)];
    const children = await trx
      .selectFrom('children')
      .where(systemScope('the demo picks children of its own synthetic registry for its history'))
      .select(['id', 'version', 'residence_code'])
      .where('status', '=', 'active')
      .where('residence_code', 'like', `${jingzhou.city.slice(0, 4)}%`)
      .where((eb) => eb.and(taken.map((county) => eb('residence_code', 'not like', `${county}%`))))
      .where('birth_date', '>', `${Number(today.slice(0, 4)) - 15}-01-01`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('cases').select('id').whereRef('child_id', '=', 'children.id'))),
      )
      .orderBy('file_no', 'desc')
      .limit(400)
      .execute();
    const county = children[0]?.residence_code.slice(0, 6);
    const inCounty = children.filter((child) => child.residence_code.startsWith(county ?? '-'));
    if (!county || inCounty.length < 40) return log('  history benefits: too few synthetic children, skipped');
    const officer = await actingAs(uow)('officer.city');
    let next = 0;
    let applications = 0;
    let runs = 0;
    let exits = 0;
    for (let back = 11; back >= 1; back -= 1) {
      const month = monthBefore(now, back);
      const count = 1 + rng.int(1, 2);
      for (let i = 0; i < count; i += 1) {
        const child = inCounty[next++]!;
        const receivedOn = dayOf(month, rng.int(1, 20));
        const inTime = rng.chance(0.5 + (11 - back) * 0.045);
        const verifiedOn = addDays(receivedOn, inTime ? rng.int(3, 12) : rng.int(22, 30));
        const decidedOn = addDays(verifiedOn, inTime ? rng.int(3, 12) : rng.int(22, 30));
        if (decidedOn >= today) continue;
        const id = await applyForBenefitIn(
          officer,
          {
            childId: child.id,
            benefitType: rng.pick(benefitTypes),
            receivedOn,
            applicantKind: 'guardian',
            applicantName: '监护人',
            applicantRelation: rng.pick(['祖父', '祖母', '母亲', '伯父']),
            documents: ['application_form', 'household_register'],
          },
          now,
        );
        const steps: ApplicationActionInput[] = [
          {
            type: 'verify',
            expectedSeq: 1,
            occurredOn: verifiedOn,
            findings: '入户核查属实',
            recommendation: 'approve',
          },
          { type: 'approve', expectedSeq: 2, occurredOn: decidedOn },
        ];
        for (const step of steps) await actOnApplicationIn(officer, id, step, now);
        applications += 1;
      }
      // The month's run on the 5th of the next month (the month just gone runs only once it is past the 5th).
      const runAt = new Date(`${monthBefore(now, back - 1)}-05T10:00:00+08:00`);
      if (runAt < now) {
        await runPaymentsIn(officer, { county: `${county}000000`, month }, runAt);
        runs += 1;
      }
      if (back <= 9 && rng.chance(0.6)) {
        const child = inCounty[inCounty.length - 1 - exits]!;
        await leaveRegistryIn(
          officer,
          child.id,
          {
            reason: exitReasons[exits % exitReasons.length]!,
            exitedOn: dayOf(month, rng.int(2, 26)),
            note: '经核实办理退出',
            version: child.version,
          },
          now,
        );
        exits += 1;
      }
    }
    log(`  history benefits: ${applications} applications decided, ${runs} payment runs, ${exits} exits in ${county}`);
  },
};
