import { type Kysely, sql } from 'kysely';
import { timelineInsertFrom } from '../../core/timeline.js';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { incrementalWindow } from '../../platform/jobs/sweep-window.js';
import { translate } from '../../platform/i18n/translate.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { everywhere } from '../../platform/rules/rule-set.js';
import { subtreePrefix } from '../../core/places.js';
import { recomputeProposals } from './proposals.js';
import { registryRules, type RegistryRules } from './rule-sections.js';
import './messages.js';

type Db = Kysely<Database>;

/**
 * The regions whose registry rules may differ: every scope with its own `registry` section, most
 * specific first, each with the subtrees already handled (so a set-based statement per region
 * applies that region's limits), then everywhere else.
 */
async function ruleRegions(
  db: Db,
  asOfDate: string,
): Promise<{ pattern: string; exclude: string[]; rules: RegistryRules }[]> {
  const resolver = await loadRuleSets(db);
  const scopes = await db
    .selectFrom('rule_sets')
    .select('scope_code')
    .distinct()
    .where('scope_code', '<>', everywhere)
    .execute();
  const prefixes = [...new Set(scopes.map((row) => subtreePrefix(row.scope_code)))].sort((a, b) => b.length - a.length);
  const regions = prefixes.map((prefix, i) => ({
    pattern: `${prefix}%`,
    exclude: prefixes
      .slice(0, i)
      .filter((p) => p.startsWith(prefix))
      .map((p) => `${p}%`),
    rules: resolver.for(prefix.padEnd(12, '0'), asOfDate).get(registryRules),
  }));
  // Everywhere else: resolved at a province no stored scope covers, so only the general rows apply.
  const probe =
    Array.from({ length: 89 }, (_, i) => `${99 - i}`.padEnd(12, '0')).find(
      (code) => !prefixes.some((p) => code.startsWith(p)),
    ) ?? '990000000000';
  regions.push({
    pattern: '%',
    exclude: prefixes.map((p) => `${p}%`),
    rules: resolver.for(probe, asOfDate).get(registryRules),
  });
  return regions;
}

const inRegion = (column: string, region: { pattern: string; exclude: string[] }) =>
  region.exclude.length === 0
    ? sql`${sql.ref(column)} LIKE ${region.pattern}`
    : sql`(${sql.ref(column)} LIKE ${region.pattern} AND NOT (${sql.ref(column)} LIKE ANY(${region.exclude})))`;

/** How often age-out reads every child past a limit anyway, whatever changed (see ageOutWindow). */
const fullPassDays = 7;

/**
 * What age-out must look at since its last run: the children whose birthday crossed a limit since
 * then (a range of birth dates, read through the birth-date index) and the children registered
 * since then (file numbers past the last one it saw, through the Haven-code index) — milliseconds
 * when there are none. It reads every child past a limit (null) on its first run, when rule sets
 * changed or took effect since the last run (a limit may have moved), and once every
 * `fullPassDays`, for what no window shows: a left-behind category opened by hand for a child
 * already past that limit, or a birth date corrected across it.
 */
async function ageOutWindow(db: Db, asOf: Date): Promise<{ fromDate: string; afterCode: string } | null> {
  const window = await incrementalWindow(db, ageOutSweep.name, asOf, fullPassDays);
  const seen = Number(window?.lastOutcome.registeredThrough);
  if (!window || !Number.isSafeInteger(seen)) return null;
  return { fromDate: window.lastDay, afterCode: havenCodeOf(seen) };
}

// As the column is generated: 'HV' and the file number in ten digits, so codes sort as the numbers.
const havenCodeOf = (fileNo: number) => `HV${String(fileNo).padStart(10, '0')}`;

async function lastFileNumber(db: Db): Promise<number> {
  const row = await sql<{ code: string | null }>`SELECT max(haven_code) AS code FROM children`.execute(db);
  return Number((row.rows[0]?.code ?? 'HV0').slice(2));
}

/**
 * At the child age limit the file is handed on: status aged_out, open memberships end, a hand-off
 * note. Left-behind ends at its own limit. Each run looks only at what changed since the last one
 * (ageOutWindow), so a day with no birthday at a limit costs a few index probes.
 */
export const ageOutSweep: Sweep = {
  name: 'registry.age-out',
  async run(db, asOf) {
    const asOfDate = shanghaiDateOf(asOf);
    const actor = systemActor('sweep');
    // Read before the window: a child registered while this run works is seen by the next one.
    const registeredThrough = await lastFileNumber(db);
    const window = await ageOutWindow(db, asOf);
    const totals = { agedOut: 0, membershipsEnded: 0, leftBehindEnded: 0, full: window ? 0 : 1, registeredThrough };
    // Past `limit` years as of today, and (windowed) born after that limit's day at the last run or registered since.
    const crossed = (column: string, limit: number) =>
      window
        ? sql`((${sql.ref(`${column}.birth_date`)} > (${window.fromDate}::date - make_interval(years => ${limit}::int))::date
              AND ${sql.ref(`${column}.birth_date`)} <= (${asOfDate}::date - make_interval(years => ${limit}::int))::date)
            OR (${sql.ref(`${column}.haven_code`)} > ${window.afterCode}
              AND ${sql.ref(`${column}.birth_date`)} <= (${asOfDate}::date - make_interval(years => ${limit}::int))::date))`
        : sql`${sql.ref(`${column}.birth_date`)} <= (${asOfDate}::date - make_interval(years => ${limit}::int))::date`;
    for (const region of await ruleRegions(db, asOfDate)) {
      const { childAgeLimit: limit, leftBehindAgeLimit: lbLimit } = region.rules;
      const note = translate('zh-CN', 'registry.handoff.aged_out', { date: '%s', limit });
      const { result } = await unitOfWork(db, actor, 'registry.age-out', async ({ trx, audit }) => {
        const aged = await sql<{ aged: number; ended: number }>`
          WITH aged AS (
            UPDATE children ch SET status = 'aged_out', status_reason = 'registry.reason.aged_out',
              handoff_note = format(${note}::text, to_char((birth_date + make_interval(years => ${limit}::int))::date, 'YYYY-MM-DD')),
              version = version + 1, updated_at = now()
            WHERE status = 'active' AND ${crossed('ch', limit)} AND ${inRegion('residence_code', region)}
            RETURNING id, birth_date, handoff_note
          ), ended AS (
            UPDATE child_categories c SET state = 'ended', end_date = (a.birth_date + make_interval(years => ${limit}::int))::date,
              end_reason = 'registry.reason.aged_out', version = c.version + 1, updated_at = now()
            FROM aged a WHERE c.child_id = a.id AND c.state IN ('proposed', 'confirmed')
            RETURNING c.id, c.child_id, c.category, c.end_date
          ), t1 AS (${timelineInsertFrom(
            actor,
            sql`SELECT id, 'child.aged_out', 'registry.reason.aged_out', 'child', id::text, '{"status":"active"}'::jsonb, '{"status":"aged_out"}'::jsonb,
              jsonb_build_object('handoffNote', handoff_note, 'limit', ${limit}::int) FROM aged`,
          )}), t2 AS (${timelineInsertFrom(
            actor,
            sql`SELECT child_id, 'category.ended', 'registry.reason.aged_out', 'category', id::text, NULL, jsonb_build_object('state', 'ended', 'endDate', end_date),
              jsonb_build_object('category', category) FROM ended`,
          )})
          SELECT (SELECT count(*) FROM aged)::int AS aged, (SELECT count(*) FROM ended)::int AS ended`.execute(trx);
        const leftBehind = await sql<{ ended: number }>`
          WITH ended AS (
            UPDATE child_categories c SET state = 'ended', end_date = (ch.birth_date + make_interval(years => ${lbLimit}::int))::date,
              end_reason = 'registry.reason.left_behind_age', version = c.version + 1, updated_at = now()
            FROM children ch
            WHERE ch.id = c.child_id AND c.category = 'left_behind' AND c.state IN ('proposed', 'confirmed')
              AND ${crossed('ch', lbLimit)} AND ${inRegion('ch.residence_code', region)}${
                // The few children of the window, by primary key: else a hash join reads every open left-behind membership.
                window
                  ? sql` AND c.child_id = ANY(ARRAY(SELECT w.id FROM children w WHERE ${crossed('w', lbLimit)}))`
                  : sql``
              }
            RETURNING c.id, c.child_id, c.end_date
          ), t AS (${timelineInsertFrom(
            actor,
            sql`SELECT child_id, 'category.ended', 'registry.reason.left_behind_age', 'category', id::text, NULL, jsonb_build_object('state', 'ended', 'endDate', end_date),
              jsonb_build_object('category', 'left_behind', 'limit', ${lbLimit}::int) FROM ended`,
          )})
          SELECT count(*)::int AS ended FROM ended`.execute(trx);
        const outcome = {
          agedOut: aged.rows[0]?.aged ?? 0,
          membershipsEnded: aged.rows[0]?.ended ?? 0,
          leftBehindEnded: leftBehind.rows[0]?.ended ?? 0,
        };
        audit({ details: { asOf: asOfDate, region: region.pattern, window, ...outcome } });
        return outcome;
      });
      totals.agedOut += result.agedOut;
      totals.membershipsEnded += result.membershipsEnded;
      totals.leftBehindEnded += result.leftBehindEnded;
    }
    return totals;
  },
};

// Large enough that each batch's fixed cost (its transaction, audit entry and rule sets) is small
// beside reading the facts of its children; small enough for one statement's parameters.
const batchSize = 2_000;

/**
 * Facts the calendar changes without anyone editing the file: a detention or rehabilitation ends,
 * someone has now been away or out of contact long enough. Finds the children whose situations
 * crossed a date since the last run (by index on since/until), and re-proposes their categories.
 */
export const reproposeSweep: Sweep = {
  name: 'registry.repropose',
  async run(db, asOf) {
    const to = shanghaiDateOf(asOf);
    const regions = await ruleRegions(db, to);
    // A finished run as of this very moment leaves nothing to do: the window is empty.
    const last = await db
      .selectFrom('sweep_runs')
      .select(sql<Date | null>`max(as_of)`.as('at'))
      .where('sweep', '=', 'registry.repropose')
      .where('finished_at', 'is not', null)
      .where('as_of', '<=', asOf)
      .executeTakeFirst();
    const lookback = Math.max(...regions.map((r) => r.rules.reproposeLookbackDays));
    const from = last?.at ? shanghaiDateOf(last.at) : shanghaiDateOf(new Date(asOf.getTime() - lookback * 86_400_000));
    const months = [
      ...new Set([
        0,
        ...regions.flatMap((r) => [
          r.rules.qualifyingMonths,
          r.rules.declaredMissingMonths,
          r.rules.workingAwayMinMonths,
        ]),
      ]),
    ];
    const crossed = sql.join(
      months.map(
        (m) =>
          sql`(s.since > (${from}::date - make_interval(months => ${m}::int))::date AND s.since <= (${to}::date - make_interval(months => ${m}::int))::date)`,
      ),
      sql` OR `,
    );
    // Members by primary key from the situations found, not a hash join with every member.
    const found = await sql<{ id: string }>`
      WITH crossed AS MATERIALIZED (SELECT s.member_id FROM member_situations s WHERE (s.until > ${from}::date AND s.until <= ${to}::date) OR ${crossed})
      SELECT DISTINCT COALESCE(c.merged_into, c.id) AS id
      FROM family_members fm JOIN children c ON c.id = fm.child_id
      WHERE fm.id = ANY(ARRAY(SELECT member_id FROM crossed)) AND fm.removed_at IS NULL`.execute(db);
    const ids = found.rows.map((row) => row.id);
    const totals = { children: ids.length, proposed: 0, withdrawn: 0 };
    const actor = systemActor('sweep');
    let next = 0;
    // Two batches at a time: one reads its facts in the database while the other's are weighed here.
    const worker = async () => {
      while (next < ids.length) {
        const batch = ids.slice(next, next + batchSize);
        next += batchSize;
        const { result } = await unitOfWork(db, actor, 'registry.repropose', async ({ trx, audit }) => {
          const outcome = await recomputeProposals(trx, actor, batch, to);
          audit({ details: { asOf: to, from, children: batch.length, ...outcome } });
          return outcome;
        });
        totals.proposed += result.proposed;
        totals.withdrawn += result.withdrawn;
      }
    };
    await Promise.all([worker(), worker()]);
    return totals;
  },
};
