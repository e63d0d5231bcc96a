import { type Kysely, sql, type Transaction } from 'kysely';
import type { visitClockRules } from '../../contract/visits/visits.js';
import type { CategoryCode, RiskGrade } from '../../contract/registry/vocabulary.js';
import { type ClockToStart, startClocks, stopClocks } from '../../core/clocks/index.js';
import { nearestPlaceBody } from '../../core/place-bodies.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { visitRules } from './rule-sections.js';
import { addDays, endOfDay, routineInterval } from './rules.js';
import '../../core/clocks/tables.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** What the schedule of one child needs to know, read by key inside a unit of work or a sweep. */
export interface ScheduledChild {
  id: string;
  residenceCode: string;
  birthDate: string | null;
  riskGrade: RiskGrade | null;
  categories: CategoryCode[];
  /** Who the clock belongs to: the responsible director, else the nearest village, township or county body. */
  ownerOrgId: string | null;
  ownerUserId: string | null;
}

/** The children's schedule facts and owners, by id (the caller has them through the scope or is a sweep). */
export async function scheduledChildren(db: Db, ids: readonly string[], day: string): Promise<ScheduledChild[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('children as c')
    .where(systemScope('children named by a sweep or locked by the caller through childInScope'))
    .leftJoin('child_assignments as a', (join) => join.onRef('a.child_id', '=', 'c.id').on('a.to_at', 'is', null))
    .leftJoin('grassroots_staff as s', (join) => join.onRef('s.id', '=', 'a.staff_id').on('s.status', '=', 'active'))
    .select([
      'c.id',
      'c.residence_code',
      'c.birth_date',
      'c.risk_grade',
      's.organisation_id as director_org',
      's.user_id as director_user',
      sql<
        CategoryCode[]
      >`ARRAY(SELECT category FROM child_categories cc WHERE cc.child_id = c.id AND cc.state = 'confirmed'
        AND (cc.end_date IS NULL OR cc.end_date > ${day}::date))`.as('categories'),
      nearestPlaceBody('c.residence_code').as('place_org'),
    ])
    .where('c.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    residenceCode: r.residence_code,
    birthDate: r.birth_date,
    riskGrade: r.risk_grade,
    categories: r.categories,
    ownerOrgId: r.director_org ?? r.place_org,
    ownerUserId: r.director_org ? r.director_user : null,
  }));
}

/** One of a child's visit clocks, due `duration` after `from`, with the visits section's grace periods (none without an owner). */
export function visitClock(
  rules: RuleSet,
  child: ScheduledChild,
  rule: (typeof visitClockRules)[number],
  from: Date,
  duration: { days: number } | { workingDays: number },
): ClockToStart | null {
  if (!child.ownerOrgId) return null;
  return {
    rules,
    clock: {
      rule,
      ownerOrgId: child.ownerOrgId,
      ownerUserId: child.ownerUserId,
      subjectType: 'visit',
      subjectId: child.id,
      childId: child.id,
      divisionCode: child.residenceCode,
      startedAt: from,
      duration,
      escalationHours: rules.get(visitRules).escalationHours,
    },
  };
}

/** Starts one of a child's visit clocks (see `visitClock`); false when the child has no owner. */
export async function startVisitClock(
  trx: Trx,
  rules: RuleSet,
  child: ScheduledChild,
  rule: (typeof visitClockRules)[number],
  from: Date,
  duration: { days: number } | { workingDays: number },
): Promise<boolean> {
  const clock = visitClock(rules, child, rule, from, duration);
  if (!clock) return false;
  await startClocks(trx, [clock]);
  return true;
}

/** The routine clock due after a visit on `lastVisitOn`, by the child's grade and categories as of that day. */
export function nextRoutineClock(rules: RuleSet, child: ScheduledChild, lastVisitOn: string): ClockToStart | null {
  const interval = routineInterval(child, rules.get(visitRules), lastVisitOn);
  return interval ? visitClock(rules, child, 'visit.routine', endOfDay(lastVisitOn), { days: interval.days }) : null;
}

/**
 * After a visit on `lastVisitOn`: the next routine visit by the child's grade and categories as of
 * that day (none when no rule applies), and, when asked, the next yearly screening. Returns the
 * next routine due day.
 */
export async function startNextVisitClocks(
  trx: Trx,
  rules: RuleSet,
  child: ScheduledChild,
  lastVisitOn: string,
  options: { screening: boolean },
): Promise<string | null> {
  const section = rules.get(visitRules);
  const interval = routineInterval(child, section, lastVisitOn);
  if (interval)
    await startVisitClock(trx, rules, child, 'visit.routine', endOfDay(lastVisitOn), { days: interval.days });
  if (options.screening)
    await startVisitClock(trx, rules, child, 'visit.screening', endOfDay(lastVisitOn), {
      days: section.screeningEveryDays,
    });
  return interval ? addDays(lastVisitOn, interval.days) : null;
}

/** Stops a child's running visit clocks of the rules named, as of `at` (met if on time). */
export async function stopVisitClocks(trx: Trx, childId: string, rules: readonly string[], at: Date): Promise<number> {
  return stopClocks(trx, { subjectId: childId, rules }, at);
}
