import { type Kysely, sql } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { incrementalWindow, type SweepWindow } from '../../platform/jobs/sweep-window.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { loadRuleSets, type RuleSetResolver } from '../../platform/rules/store.js';
import { everywhere } from '../../platform/rules/rule-set.js';
import { visitRules } from './rule-sections.js';
import { noVisitTotals, settleVisitSchedules, type VisitTotals } from './settle.js';
import '../../core/clocks/tables.js';
import '../../platform/rules/tables.js';
import './tables.js';

type Db = Kysely<Database>;
const batch = 2000;
/** How often the sweep reads every child anyway (see incrementalWindow). */
export const visitFullPassDays = 7;
const nil = '00000000-0000-0000-0000-000000000000';

interface Context {
  asOf: Date;
  day: string;
  resolver: RuleSetResolver;
  totals: VisitTotals;
}

/**
 * The visit schedule as of a moment (see settleVisitSchedules for what each child gets). A run reads
 * only the children whose facts changed since the last run — marked by the writes to the registry,
 * categories, assignments and visits (migration 0180), or whose category's end date or a visit
 * rule's age limit fell between the last run and now — so a run with nothing to do costs a few
 * index probes. It reads every child on its first run, once a week and when rule sets changed.
 */
export const visitScheduleSweep: Sweep = {
  name: 'visits.schedule',
  async run(db, asOf) {
    const day = shanghaiDateOf(asOf);
    const resolver = await loadRuleSets(db);
    const context: Context = { asOf, day, resolver, totals: noVisitTotals() };
    const window = await incrementalWindow(db, visitScheduleSweep.name, asOf, visitFullPassDays);
    const read = window ? await incremental(db, context, window) : await fullPass(db, context);
    return { ...context.totals, children: read, full: window ? 0 : 1 };
  },
};

async function settlePage(db: Db, context: Context, ids: readonly string[]): Promise<string[]> {
  const actor = systemActor('sweep:visits.schedule');
  const { result } = await unitOfWork(db, actor, 'visits.schedule', ({ trx }) =>
    settleVisitSchedules(trx, ids, context, context.totals),
  );
  return result;
}

async function incremental(db: Db, context: Context, window: SweepWindow): Promise<number> {
  const actor = systemActor('sweep:visits.schedule');
  let read = 0;
  const deferred: string[] = [];
  // Each page takes its marks in the transaction that settles them: a failed page leaves them.
  for (;;) {
    const { result } = await unitOfWork(db, actor, 'visits.schedule', async ({ trx }) => {
      const taken = await sql<{ child_id: string }>`
        DELETE FROM visit_schedule_dirty WHERE ctid = ANY(ARRAY(SELECT ctid FROM visit_schedule_dirty LIMIT ${batch}))
        RETURNING child_id`.execute(trx);
      const ids = [...new Set(taken.rows.map((row) => row.child_id))];
      deferred.push(...(await settleVisitSchedules(trx, ids, context, context.totals)));
      return { marks: taken.rows.length, children: ids.length };
    });
    read += result.children;
    if (result.marks < batch) break;
  }
  const crossed = await crossedSince(db, context, window.lastDay);
  for (let i = 0; i < crossed.length; i += batch) {
    deferred.push(...(await settlePage(db, context, crossed.slice(i, i + batch))));
  }
  read += crossed.length;
  // Registered after the moment swept (a replay): marked again for a later run.
  // One array parameter: a replay before a ledger import defers every imported child (100k ids
  // as one parameter each overflowed the protocol's 65,535 and failed the sweep).
  if (deferred.length > 0)
    await sql`INSERT INTO visit_schedule_dirty (child_id) SELECT unnest(${deferred}::uuid[])`.execute(db);
  return read;
}

/**
 * What the calendar alone changed since `lastDay`: a confirmed category whose end date has come
 * (child_categories_end_date_idx), a child who reached a category's visit age limit (a birth-date
 * range per limit, children_birth_date_idx). Both can only end a routine rule.
 */
async function crossedSince(db: Db, context: Context, lastDay: string): Promise<string[]> {
  if (lastDay >= context.day) return [];
  const ages = await untilAges(db, context);
  const birthdays = ages.map(
    (age) =>
      sql`(birth_date > (${lastDay}::date - make_interval(years => ${age}::int))::date
        AND birth_date <= (${context.day}::date - make_interval(years => ${age}::int))::date)`,
  );
  const rows = await sql<{ id: string }>`
    SELECT child_id AS id FROM child_categories
    WHERE state = 'confirmed' AND end_date > ${lastDay}::date AND end_date <= ${context.day}::date
    ${birthdays.length > 0 ? sql`UNION SELECT id FROM children WHERE status = 'active' AND (${sql.join(birthdays, sql` OR `)})` : sql``}`.execute(
    db,
  );
  return rows.rows.map((row) => row.id);
}

/** Every age limit of a category's visit rule in any stored rule set (a handful of numbers). */
async function untilAges(db: Db, context: Context): Promise<number[]> {
  const scopes = await db.selectFrom('rule_sets').select('scope_code').distinct().execute();
  const probes = new Set(['990000000000']);
  for (const { scope_code } of scopes) if (scope_code !== everywhere) probes.add(scope_code.padEnd(12, '0'));
  const ages = new Set<number>();
  for (const probe of probes)
    for (const age of Object.values(context.resolver.for(probe, context.day).get(visitRules).categoryUntilAge))
      if (age !== undefined) ages.add(age);
  return [...ages];
}

/**
 * Every child: those lacking a running screening or first/routine clock, then those whose routine
 * clock may have to stop (no grade: a grade always has an interval) or who are no longer active.
 */
async function fullPass(db: Db, context: Context): Promise<number> {
  let read = 0;
  let after = nil;
  for (;;) {
    // A range of 2,000 children by id first, then those of it lacking a clock: the clock probes
    // bounded to the range on both sides, else the planner hashes every clock past `after` per page.
    const range = await db
      .selectFrom('children as c')
      .where(systemScope('the schedule sweep looks at every child, a range of ids at a time'))
      .select('c.id')
      .where('c.id', '>', after)
      .orderBy('c.id')
      .offset(batch - 1)
      .limit(1)
      .executeTakeFirst();
    const until = range?.id;
    const running = (rules: string[]) =>
      sql<boolean>`EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = c.id AND k.child_id > ${after}::uuid
        ${until ? sql`AND k.child_id <= ${until}::uuid` : sql``} AND k.subject_type = 'visit'
        AND k.state IN ('running', 'paused') AND k.rule IN (${sql.join(rules)}))`;
    let query = db
      .selectFrom('children as c')
      .where(systemScope('the schedule sweep looks at every active child'))
      .select('c.id')
      .where('c.status', '=', 'active')
      .where('c.merged_into', 'is', null)
      .where('c.created_at', '<=', context.asOf)
      .where('c.id', '>', after)
      .where((eb) => eb.or([eb.not(running(['visit.screening'])), eb.not(running(['visit.first', 'visit.routine']))]));
    if (until) query = query.where('c.id', '<=', until);
    const page = await query.orderBy('c.id').execute();
    for (let i = 0; i < page.length; i += batch)
      await settlePage(
        db,
        context,
        page.slice(i, i + batch).map((row) => row.id),
      );
    read += page.length;
    if (!until) break;
    after = until;
  }
  after = nil;
  for (;;) {
    const page = await db
      .selectFrom('clocks as k')
      .innerJoin('children as c', 'c.id', 'k.child_id')
      .where(systemScope('the schedule sweep looks at every running visit clock'))
      .select('k.child_id as id')
      .distinct()
      .where('k.subject_type', '=', 'visit')
      .where('k.state', 'in', ['running', 'paused'])
      .where((eb) =>
        eb.or([
          eb.and([eb('k.rule', '=', 'visit.routine'), eb('c.risk_grade', 'is', null)]),
          eb('c.status', '<>', 'active'),
        ]),
      )
      .where('k.child_id', '>', after)
      .orderBy('k.child_id')
      .limit(batch)
      .execute();
    const ids = page.map((row) => row.id as string);
    await settlePage(db, context, ids);
    read += ids.length;
    if (ids.length < batch) break;
    after = ids.at(-1)!;
  }
  return read;
}
