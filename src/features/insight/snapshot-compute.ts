import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { StoredCount } from '../../contract/insight/problems.js';
import { shownCategories } from '../../contract/insight/indicators-added.js';
import { clockCounts, clockIndicators } from './snapshot-clock-counts.js';
import { everywhere, markedDivisions, markedTable, type Within } from './snapshot-marks.js';
import { markedFeatureIndicators, storeFeatureCounts } from './snapshot-feature-counts.js';
import { applyStaged, openStaging, stagedCounts } from './snapshot-write.js';
import { monthStart, snapshotMoment, type YearMonth } from './snapshot-rules.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

const everyChild = () => systemScope('the monthly insight snapshot counts every child, then publishes counts only');

/**
 * One month's snapshot: every stored count per division as of the month's end (or `asOf` while the
 * month runs), computed from core-owned rows — clocks, children and their categories, cases,
 * reports — whose times say what was true then, so a month long past is computed the same way
 * today as it would have been on its last day. Staged, then written over what the month held
 * (only the counts that changed: `snapshot-write.ts`).
 */
export async function computeMonthSnapshot(
  trx: Trx,
  month: YearMonth,
  asOf: Date,
  running = false,
): Promise<{ rows: number; divisions: number | null }> {
  const start = monthStart(month);
  const { at, final } = snapshotMoment(month, asOf);
  const day = shanghaiDateOf(new Date(at.getTime() - 1));
  const m = `${month}-01`;
  // The running month's later runs recount only the divisions whose counts may have moved.
  const { within, divisions, replay } =
    running && !final ? await markedDivisions(trx, m, at) : { within: everywhere, divisions: null, replay: false };
  await openStaging(trx);

  const stage = async (select: RawBuilder<unknown>) => {
    await sql`
      INSERT INTO ${stagedCounts} (indicator, division_code, value)
      SELECT indicator, code, n FROM (${select}) counted(indicator, code, n)
      WHERE code ~ '^[0-9]{12}$' AND n > 0`.execute(trx);
  };

  // No division marked: every core count stands as stored, and none is read.
  if (divisions !== 0) await stageCoreCounts(stage, { start, at, day }, within);
  const marked =
    divisions === null
      ? null
      : (await sql<{ code: string }>`SELECT division_code AS code FROM ${markedTable}`.execute(trx)).rows.map(
          (row) => row.code,
        );
  await storeFeatureCounts(trx, { month: m, start, at, day }, marked);
  const rows = await applyStaged(trx, m, divisions === null ? null : [...coreIndicators, ...markedFeatureIndicators]);

  // `marked`: the marks since this run are complete (written by a run that consumes them).
  await sql`
    INSERT INTO insight_snapshot_months (month, as_of, final, marked) VALUES (${m}, ${at}, ${final}, ${running && !final && !replay})
    ON CONFLICT (month) DO UPDATE SET as_of = excluded.as_of, final = excluded.final, marked = excluded.marked,
      computed_at = now()`.execute(trx);
  return { rows, divisions };
}

const counted: [StoredCount, string | null][] = [
  ['children.in_difficulty', null],
  ['family.guardianship_missing', 'guardianship_missing'],
  ['family.de_facto_unsupported', 'de_facto_unsupported'],
  ...shownCategories.map((category): [StoredCount, string] => [`security.category_${category}`, category]),
];

/** The counts computed here from core-owned rows: a run restricted to the marked divisions recounts only these there. */
const coreIndicators: readonly string[] = [
  ...counted.map(([indicator]) => indicator),
  'reports.received',
  'cases.closed',
  'cases.closure_days',
  'cases.open',
  ...clockIndicators,
];

async function stageCoreCounts(
  stage: (select: RawBuilder<unknown>) => Promise<void>,
  { start, at, day }: { start: Date; at: Date; day: string },
  within: Within,
): Promise<void> {
  await stage(inDifficultyCounts(day, at, within));
  await stage(
    sql`SELECT 'reports.received', division_code, count(*) FROM reports WHERE reported_at >= ${start} AND reported_at < ${at}
      AND ${within(sql.ref('division_code'))} AND ${everyChild()} GROUP BY 2`,
  );
  // A case closed in the month (its first closure, if it was reopened) and the days it had been open.
  await stage(sql`
    SELECT x.indicator, c.division_code, x.n FROM (
      SELECT c.division_code, count(*) AS closed,
        round(sum(extract(epoch FROM closure.closed_at - c.opened_at) / 86400))::bigint AS days
      FROM cases c
      JOIN LATERAL (SELECT min(a.occurred_at) AS closed_at FROM case_actions a
        WHERE a.case_id = c.id AND a.status_after = 'closed') closure ON true
      WHERE closure.closed_at >= ${start} AND closure.closed_at < ${at} AND ${within(sql.ref('c.division_code'))} AND ${everyChild()}
      GROUP BY 1) c
    CROSS JOIN LATERAL (VALUES ('cases.closed', c.closed), ('cases.closure_days', c.days)) AS x(indicator, n)`);
  await stage(
    sql`SELECT 'cases.open', c.division_code, count(*) FROM cases c WHERE c.opened_at < ${at}
      AND ${within(sql.ref('c.division_code'))} AND ${everyChild()}
      AND NOT EXISTS (SELECT 1 FROM case_actions a WHERE a.case_id = c.id AND a.status_after = 'closed' AND a.occurred_at < ${at})
      GROUP BY 2`,
  );
  await stage(clockCounts(start, at, within));
}

/**
 * Children in difficulty at the day (any category, and per category), in one pass: a child counts
 * once per indicator however many of its categories match.
 */
function inDifficultyCounts(day: string, at: Date, within: Within): RawBuilder<unknown> {
  const columns = counted.map(
    ([, category], index) =>
      sql`count(DISTINCT c.id) FILTER (WHERE ${category === null ? sql`true` : sql`cc.category = ${category}`}) AS ${sql.ref(`c${index}`)}`,
  );
  const pairs = counted.map(([indicator], index) => sql`(${indicator}, x.${sql.ref(`c${index}`)})`);
  return sql`
    SELECT v.indicator, x.residence_code, v.n FROM (
      SELECT c.residence_code, ${sql.join(columns)}
      FROM children c JOIN child_categories cc ON cc.child_id = c.id
      WHERE cc.state IN ('confirmed', 'ended') AND coalesce(cc.start_date, cc.decided_at::date) <= ${day}::date
        AND (cc.end_date IS NULL OR cc.end_date > ${day}::date) AND c.created_at < ${at}
        AND ${within(sql.ref('c.residence_code'))} AND ${everyChild()}
      GROUP BY 1) x
    CROSS JOIN LATERAL (VALUES ${sql.join(pairs)}) AS v(indicator, n)`;
}

export type SnapshotDb = Kysely<Database>;
