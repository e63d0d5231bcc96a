import { sql, type Transaction } from 'kysely';
import { visitClockRules } from '../../contract/visits/visits.js';
import { type ClockToStart, startClocks, stopClocks } from '../../core/clocks/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSetResolver } from '../../platform/rules/store.js';
import { visitRules } from './rule-sections.js';
import { routineInterval } from './rules.js';
import { nextRoutineClock, scheduledChildren, visitClock } from './schedule.js';
import '../../core/clocks/tables.js';
import './tables.js';

type Trx = Transaction<Database>;

export interface VisitTotals {
  first: number;
  routine: number;
  screening: number;
  stopped: number;
}

export const noVisitTotals = (): VisitTotals => ({ first: 0, routine: 0, screening: 0, stopped: 0 });

const routineRules = ['visit.first', 'visit.routine'];

/**
 * Brings the visit schedule of the children named to what it should be as of `asOf`, with a
 * statement per page whatever its size: an active child gets its first-visit clock (5 working days
 * from registration) once; a child visited before whose grade or categories call for routine
 * visits and has no clock gets one from its last visit; its routine clock stops when no routine
 * rule applies any more; every active child keeps a yearly screening clock; a child no longer
 * active has its visit clocks stopped. Idempotent: the full pass and the incremental runs of the
 * sweep both come here, so they cannot disagree. Returns the children not yet registered as of
 * `asOf` (a replay), for a later run.
 */
export async function settleVisitSchedules(
  trx: Trx,
  ids: readonly string[],
  context: { asOf: Date; day: string; resolver: RuleSetResolver },
  totals: VisitTotals,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { asOf, day, resolver } = context;
  const rows = await trx
    .selectFrom('children as c')
    .where(systemScope('children the schedule sweep found changed or due'))
    .select([
      'c.id',
      'c.status',
      'c.merged_into',
      'c.created_at',
      sql<string | null>`(SELECT max(visited_on)::text FROM home_visits v WHERE v.child_id = c.id)`.as('last'),
      sql<
        string | null
      >`(SELECT max(visited_on)::text FROM home_visits v WHERE v.child_id = c.id AND v.kind IN ('first', 'screening'))`.as(
        'last_full',
      ),
      // By subject (clocks_subject_idx): a visit clock's subject is the child.
      sql<boolean>`EXISTS (SELECT 1 FROM clocks k WHERE k.subject_id = c.id AND k.rule = 'visit.first' AND k.subject_type = 'visit')`.as(
        'first_started',
      ),
      sql<string[]>`ARRAY(SELECT DISTINCT k.rule FROM clocks k WHERE k.subject_id = c.id AND k.subject_type = 'visit'
        AND k.state IN ('running', 'paused'))`.as('running'),
    ])
    .where('c.id', '=', sql<string>`ANY(${[...ids]}::uuid[])`)
    .execute();
  const active = rows.filter((r) => r.status === 'active');
  const facts = new Map(
    (
      await scheduledChildren(
        trx,
        active.map((r) => r.id),
        day,
      )
    ).map((child) => [child.id, child]),
  );
  const clocks: ClockToStart[] = [];
  const stopAll: string[] = [];
  const stopRoutine: string[] = [];
  const deferred: string[] = [];
  for (const row of rows) {
    const running = new Set(row.running);
    const child = facts.get(row.id);
    if (!child) {
      if (row.status !== 'active' && running.size > 0) stopAll.push(row.id);
      continue;
    }
    const rules = resolver.for(child.residenceCode, day);
    const section = rules.get(visitRules);
    if (running.has('visit.routine') && routineInterval(child, section, day) === null) {
      stopRoutine.push(row.id);
      running.delete('visit.routine');
    }
    // Not yet registered as of the sweep (a replay), or merged into another file: nothing starts.
    if (row.merged_into !== null) continue;
    if (new Date(row.created_at).getTime() > asOf.getTime()) {
      deferred.push(row.id);
      continue;
    }
    if (!routineRules.some((rule) => running.has(rule))) {
      if (!row.last && !row.first_started) {
        const first = visitClock(rules, child, 'visit.first', new Date(row.created_at), {
          workingDays: section.firstVisitWorkingDays,
        });
        if (first) {
          clocks.push(first);
          totals.first += 1;
        }
      } else if (row.last && routineInterval(child, section, day)) {
        const routine = nextRoutineClock(rules, child, row.last);
        if (routine) {
          clocks.push(routine);
          totals.routine += 1;
        }
      }
    }
    if (!running.has('visit.screening')) {
      const from = row.last_full ?? shanghaiDateOf(new Date(row.created_at));
      const screening = visitClock(rules, child, 'visit.screening', new Date(`${from}T23:59:59+08:00`), {
        days: section.screeningEveryDays,
      });
      if (screening) {
        clocks.push(screening);
        totals.screening += 1;
      }
    }
  }
  totals.stopped += await stopClocks(trx, { subjectIds: stopAll, rules: visitClockRules }, asOf);
  totals.stopped += await stopClocks(trx, { subjectIds: stopRoutine, rules: ['visit.routine'] }, asOf);
  await startClocks(trx, clocks);
  return deferred;
}
