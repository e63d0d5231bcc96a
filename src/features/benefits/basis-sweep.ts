import { type Kysely, sql } from 'kysely';
import { stopClocks } from '../../core/clocks/index.js';
import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { incrementalWindow } from '../../platform/jobs/sweep-window.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { birthdayAt } from './renewals.js';
import { reviewBenefitsOfChildIn } from './reviews.js';
import { benefitRules } from './rule-sections.js';
import { applicationWorkflow } from './workflow.js';
import './tables.js';

type Db = Kysely<Database>;

export const basisSweepName = 'benefits.basis';
/** How often the sweep reads every approved benefit anyway (a benefit approved after its basis had already lapsed). */
const fullPassDays = 7;
/** The age at which a benefit that is not renewed ends (national: a child is under 18). */
export const benefitAgeLimit = 18;

interface LapsedSituation {
  child_id: string;
  situation_id: string;
  kind: string;
  until: string;
}

/**
 * Approved benefits of children one of whose family members' situations (a prison term, a
 * rehabilitation, an illness) ended by date in the window — read by the `until` index, milliseconds
 * when none did. Whole (null window): every ended situation of a child with an approved benefit.
 */
async function lapsedSituations(db: Db, from: string | null, to: string): Promise<LapsedSituation[]> {
  const window = from === null ? sql`s.until <= ${to}::date` : sql`s.until > ${from}::date AND s.until <= ${to}::date`;
  const rows = await sql<LapsedSituation>`
    WITH ended AS MATERIALIZED (SELECT s.id, s.member_id, s.kind, s.until FROM member_situations s WHERE ${window})
    SELECT DISTINCT ON (child_id) COALESCE(c.merged_into, c.id) AS child_id, e.id AS situation_id, e.kind,
      to_char(e.until, 'YYYY-MM-DD') AS until
    FROM ended e JOIN family_members fm ON fm.id = e.member_id JOIN children c ON c.id = fm.child_id
    WHERE fm.removed_at IS NULL
      AND EXISTS (SELECT 1 FROM benefit_applications a WHERE a.child_id = COALESCE(c.merged_into, c.id) AND a.status = 'approved')
      -- Raised once per situation: a review the county kept is not opened again by the next full pass,
      -- nor one after a review opened since that day (a release roll's: it weighed the child's facts then).
      AND NOT EXISTS (SELECT 1 FROM benefit_reviews r WHERE r.child_id = COALESCE(c.merged_into, c.id)
        AND (r.cause->>'situationId' = e.id::text OR r.opened_at >= e.until))
    ORDER BY child_id, e.until DESC`.execute(db);
  return rows.rows;
}

interface AgedBenefit {
  id: string;
  child_id: string;
  benefit_type: string;
  division_code: string;
  birth_date: string;
}

/** Approved benefits of children who reached the age limit in the window (by the birth-date index). */
async function agedBenefits(db: Db, from: string | null, to: string): Promise<AgedBenefit[]> {
  const limit = benefitAgeLimit;
  const upTo = sql`(${to}::date - make_interval(years => ${limit}::int))::date`;
  const window =
    from === null
      ? sql`c.birth_date <= ${upTo}`
      : sql`c.birth_date > (${from}::date - make_interval(years => ${limit}::int))::date AND c.birth_date <= ${upTo}`;
  // Windowed: the few children born in the window, by primary key; whole: every approved benefit.
  const children =
    from === null
      ? sql`a.child_id IN (SELECT c.id FROM children c WHERE ${window})`
      : sql`a.child_id = ANY(ARRAY(SELECT c.id FROM children c WHERE ${window}))`;
  const rows = await sql<AgedBenefit>`
    SELECT a.id, a.child_id, a.benefit_type, a.division_code, to_char(ch.birth_date, 'YYYY-MM-DD') AS birth_date
    FROM benefit_applications a JOIN children ch ON ch.id = a.child_id
    WHERE a.status = 'approved' AND ${children}`.execute(db);
  return rows.rows;
}

/**
 * Facts that lapse by date alone, for benefits already approved (DOMAIN.md §8 dynamic exits): a
 * parent's prison term or rehabilitation whose end date passed is a re-check date — the benefit
 * gets a review with a clock (never an automatic stop) when the child's facts no longer support
 * its category; at 18 a benefit the rule set does not renew ends with the national reason
 * `over_age` (renewable orphan benefits go through the renewal sweep). Each run reads only what
 * the calendar changed since the last one (`incrementalWindow`), and raises nothing twice.
 */
export const basisSweep: Sweep = {
  name: basisSweepName,
  async run(db, asOf) {
    const today = shanghaiDateOf(asOf);
    const window = await incrementalWindow(db, basisSweepName, asOf, fullPassDays);
    const from = window?.lastDay ?? null;
    const actor = systemActor('benefit basis sweep');
    const totals = { full: window ? 0 : 1, children: 0, reviewsOpened: 0, agedOut: 0 };
    for (const lapsed of await lapsedSituations(db, from, today)) {
      totals.children += 1;
      const { result } = await unitOfWork(db, actor, 'benefit.basis_sweep', (uow) =>
        reviewBenefitsOfChildIn(
          uow,
          {
            childId: lapsed.child_id,
            cause: {
              fact: 'situation_ended',
              situation: lapsed.kind,
              endedOn: lapsed.until,
              situationId: lapsed.situation_id,
            },
          },
          asOf,
        ),
      );
      totals.reviewsOpened += result.length;
    }
    const aged = await agedBenefits(db, from, today);
    if (aged.length === 0) return totals;
    const resolver = await loadRuleSets(db);
    for (const benefit of aged) {
      const renewal = resolver.for(benefit.division_code, today).get(benefitRules).renewal;
      if (renewal.benefitTypes.includes(benefit.benefit_type)) continue;
      const endedOn = birthdayAt(benefit.birth_date, benefitAgeLimit);
      const at = new Date(`${endedOn}T00:00:00+08:00`);
      const { result } = await unitOfWork(db, actor, 'benefit.aged_out', async (uow) => {
        const subject = await lockSubject(uow.trx, uow.actor, applicationWorkflow, benefit.id);
        if (subject?.state.status !== 'approved') return 0;
        await recordSystemAction(uow, applicationWorkflow, subject, {
          type: 'end',
          payload: { reason: 'over_age', exitedOn: endedOn, ageLimit: benefitAgeLimit },
          at: at < asOf ? at : asOf,
        });
        await stopClocks(uow.trx, { subjectId: benefit.id, rules: 'every rule' }, at < asOf ? at : asOf);
        uow.audit({ entityType: 'benefit_application', entityId: benefit.id, childId: benefit.child_id });
        return 1;
      });
      totals.agedOut += result;
    }
    return totals;
  },
};
