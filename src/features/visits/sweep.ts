import { sql } from 'kysely';
import { type ClockToStart, startClocks } from '../../core/clocks/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { visitRules } from './rule-sections.js';
import { routineInterval } from './rules.js';
import { nextRoutineClock, scheduledChildren, stopVisitClocks, visitClock } from './schedule.js';
import '../../core/clocks/tables.js';
import './tables.js';

const batch = 2000;

/**
 * The visit schedule as of a moment, set-based where it can be: each active child gets its
 * first-visit clock (5 working days from registration) once; a child visited before whose grade or
 * categories now call for routine visits and has no clock gets one from its last visit; a child
 * no longer under any routine rule (left-behind ended at 16, grade cleared) or no longer active
 * has its routine clock stopped; every active child keeps a yearly screening clock. Idempotent.
 */
export const visitScheduleSweep: Sweep = {
  name: 'visits.schedule',
  async run(db, asOf) {
    const actor = systemActor('sweep:visits.schedule');
    const day = shanghaiDateOf(asOf);
    const resolver = await loadRuleSets(db);
    const totals = { first: 0, routine: 0, screening: 0, stopped: 0 };
    const running = (rules: string[]) =>
      sql<boolean>`EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = c.id AND k.subject_type = 'visit'
        AND k.state IN ('running', 'paused') AND k.rule IN (${sql.join(rules)}))`;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { result } = await unitOfWork(db, actor, 'visits.schedule', async ({ trx }) => {
        const candidates = await trx
          .selectFrom('children as c')
          .where(systemScope('the schedule sweep looks at every active child'))
          .select([
            'c.id',
            'c.created_at',
            sql<string | null>`(SELECT max(visited_on)::text FROM home_visits v WHERE v.child_id = c.id)`.as('last'),
            sql<
              string | null
            >`(SELECT max(visited_on)::text FROM home_visits v WHERE v.child_id = c.id AND v.kind IN ('first', 'screening'))`.as(
              'last_full',
            ),
            sql<boolean>`EXISTS (SELECT 1 FROM clocks k WHERE k.subject_id = c.id AND k.rule = 'visit.first' AND k.subject_type = 'visit')`.as(
              'first_started',
            ),
            running(['visit.first', 'visit.routine']).as('routine_running'),
            running(['visit.screening']).as('screening_running'),
          ])
          .where('c.status', '=', 'active')
          .where('c.merged_into', 'is', null)
          .where('c.created_at', '<=', asOf)
          .where('c.id', '>', after)
          .where((eb) =>
            eb.or([eb.not(running(['visit.screening'])), eb.not(running(['visit.first', 'visit.routine']))]),
          )
          .orderBy('c.id')
          .limit(batch)
          .execute();
        const children = await scheduledChildren(
          trx,
          candidates.map((c) => c.id),
          day,
        );
        const byId = new Map(children.map((child) => [child.id, child]));
        const clocks: ClockToStart[] = [];
        let started = 0;
        for (const candidate of candidates) {
          const child = byId.get(candidate.id)!;
          const rules = resolver.for(child.residenceCode, day);
          const section = rules.get(visitRules);
          if (!candidate.routine_running) {
            if (!candidate.last && !candidate.first_started) {
              const first = visitClock(rules, child, 'visit.first', new Date(candidate.created_at), {
                workingDays: section.firstVisitWorkingDays,
              });
              if (first) {
                clocks.push(first);
                totals.first += 1;
              }
            } else if (candidate.last && routineInterval(child, section, day)) {
              const routine = nextRoutineClock(rules, child, candidate.last);
              if (routine) clocks.push(routine);
              totals.routine += 1;
            }
          }
          if (!candidate.screening_running) {
            const from = candidate.last_full ?? shanghaiDateOf(new Date(candidate.created_at));
            const screening = visitClock(rules, child, 'visit.screening', new Date(`${from}T23:59:59+08:00`), {
              days: section.screeningEveryDays,
            });
            if (screening) {
              clocks.push(screening);
              totals.screening += 1;
            }
          }
          started += 1;
        }
        await startClocks(trx, clocks);
        return { seen: candidates.length, started, last: candidates.at(-1)?.id };
      });
      // One pass in id order: a child whose owner cannot be found, or with no rule to start, is not read again.
      if (result.seen < batch || !result.last) break;
      after = result.last;
    }
    totals.stopped = await stopRulesThatEnded(db, asOf, day, resolver);
    return totals;
  },
};

/**
 * Routine clocks of children no longer active, or under no routine rule any more, stop as of the
 * sweep — read in pages by child, since a province has hundreds of thousands of routine clocks.
 */
async function stopRulesThatEnded(
  db: Parameters<Sweep['run']>[0],
  asOf: Date,
  day: string,
  resolver: Awaited<ReturnType<typeof loadRuleSets>>,
): Promise<number> {
  const actor = systemActor('sweep:visits.schedule');
  let stopped = 0;
  let after = { child: '00000000-0000-0000-0000-000000000000', clock: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const { result } = await unitOfWork(db, actor, 'visits.schedule', async ({ trx }) => {
      const rows = await trx
        .selectFrom('clocks as k')
        .innerJoin('children as c', 'c.id', 'k.child_id')
        .where(systemScope('the schedule sweep looks at every running visit clock'))
        .select(['c.id', 'c.status', 'k.rule', 'k.id as clock_id'])
        .where('k.subject_type', '=', 'visit')
        .where('k.state', 'in', ['running', 'paused'])
        .where((eb) => eb.or([eb('k.rule', '=', 'visit.routine'), eb('c.status', '<>', 'active')]))
        .where(sql<boolean>`(k.child_id, k.id) > (${after.child}::uuid, ${after.clock}::uuid)`)
        .orderBy('k.child_id')
        .orderBy('k.id')
        .limit(batch)
        .execute();
      const facts = await scheduledChildren(
        trx,
        [...new Set(rows.filter((r) => r.status === 'active').map((r) => r.id))],
        day,
      );
      const byId = new Map(facts.map((child) => [child.id, child]));
      let ended = 0;
      for (const row of rows) {
        const child = byId.get(row.id);
        const stops =
          row.status !== 'active' ||
          !child ||
          routineInterval(child, resolver.for(child.residenceCode, day).get(visitRules), day) === null;
        if (stops) ended += await stopVisitClocks(trx, row.id, [row.rule], asOf);
      }
      const last = rows.at(-1);
      return { ended, seen: rows.length, last: last && { child: last.id, clock: last.clock_id } };
    });
    stopped += result.ended;
    if (result.seen < batch || !result.last) break;
    after = result.last;
  }
  return stopped;
}
