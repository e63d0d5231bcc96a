import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { StoredCount } from '../../contract/insight/problems.js';
import { largestStoredCounts, shownCategories } from '../../contract/insight/indicators-added.js';
import { storeFeatureCounts } from './snapshot-feature-counts.js';
import { monthStart, snapshotMoment, type YearMonth } from './snapshot-rules.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

const everyChild = () => systemScope('the monthly insight snapshot counts every child, then publishes counts only');

/**
 * One month's snapshot: every stored count per division as of the month's end (or `asOf` while the
 * month runs), computed from core-owned rows — clocks, children and their categories, cases,
 * reports — whose times say what was true then, so a month long past is computed the same way
 * today as it would have been on its last day. Replaces what the month held.
 */
export async function computeMonthSnapshot(trx: Trx, month: YearMonth, asOf: Date): Promise<number> {
  const start = monthStart(month);
  const { at, final } = snapshotMoment(month, asOf);
  const day = shanghaiDateOf(new Date(at.getTime() - 1));
  const m = `${month}-01`;
  await sql`DELETE FROM insight_snapshots WHERE month = ${m}`.execute(trx);
  await sql`DELETE FROM insight_snapshot_totals WHERE month = ${m}`.execute(trx);

  const insert = async (indicator: StoredCount, select: RawBuilder<unknown>) => {
    const result = await sql`
      INSERT INTO insight_snapshots (month, indicator, division_code, value)
      SELECT ${m}::date, ${indicator}, code, n FROM (${select}) counted(code, n)
      WHERE code ~ '^[0-9]{12}$' AND n > 0`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  };

  const inDifficulty = (category: string | null) => sql`
    SELECT c.residence_code, count(DISTINCT c.id) FROM children c JOIN child_categories cc ON cc.child_id = c.id
    WHERE cc.state IN ('confirmed', 'ended') AND coalesce(cc.start_date, cc.decided_at::date) <= ${day}::date
      AND (cc.end_date IS NULL OR cc.end_date > ${day}::date) AND c.created_at < ${at}
      AND ${category === null ? sql`true` : sql`cc.category = ${category}`} AND ${everyChild()}
    GROUP BY 1`;
  // Overdue at the moment: started, due, not stopped by then, not paused then.
  const overdue = (rule: RawBuilder<unknown>) => sql`
    SELECT division_code, count(*) FROM clocks
    WHERE ${rule} AND started_at <= ${at} AND due_at <= ${at} AND (stopped_at IS NULL OR stopped_at > ${at})
      AND NOT (state = 'paused' AND paused_at <= ${at})
    GROUP BY 1`;
  const dueInMonth = (rule: RawBuilder<unknown>, onTime: boolean) => sql`
    SELECT division_code, count(*) FROM clocks
    WHERE ${rule} AND due_at >= ${start} AND due_at < ${at}
      AND ${onTime ? sql`stopped_at IS NOT NULL AND stopped_at <= due_at` : sql`true`}
    GROUP BY 1`;

  let rows = 0;
  rows += await insert('children.in_difficulty', inDifficulty(null));
  rows += await insert('family.guardianship_missing', inDifficulty('guardianship_missing'));
  rows += await insert('family.de_facto_unsupported', inDifficulty('de_facto_unsupported'));
  rows += await insert(
    'reports.received',
    sql`SELECT division_code, count(*) FROM reports WHERE reported_at >= ${start} AND reported_at < ${at} AND ${everyChild()} GROUP BY 1`,
  );
  rows += await insert('reports.ack_due', dueInMonth(sql`rule = 'report.acknowledge'`, false));
  rows += await insert('reports.ack_on_time', dueInMonth(sql`rule = 'report.acknowledge'`, true));
  rows += await insert('reports.emergency_due', dueInMonth(sql`rule = 'report.emergency_response'`, false));
  rows += await insert('reports.emergency_on_time', dueInMonth(sql`rule = 'report.emergency_response'`, true));
  // A case closed in the month (its first closure, if it was reopened) and the days it had been open.
  const closedInMonth = (value: RawBuilder<unknown>) => sql`
    SELECT c.division_code, ${value} FROM cases c
    JOIN LATERAL (SELECT min(a.occurred_at) AS closed_at FROM case_actions a
      WHERE a.case_id = c.id AND a.status_after = 'closed') closure ON true
    WHERE closure.closed_at >= ${start} AND closure.closed_at < ${at} AND ${everyChild()}
    GROUP BY 1`;
  rows += await insert('cases.closed', closedInMonth(sql`count(*)`));
  rows += await insert(
    'cases.closure_days',
    closedInMonth(sql`round(sum(extract(epoch FROM closure.closed_at - c.opened_at) / 86400))::bigint`),
  );
  rows += await insert(
    'cases.open',
    sql`SELECT c.division_code, count(*) FROM cases c WHERE c.opened_at < ${at} AND ${everyChild()}
      AND NOT EXISTS (SELECT 1 FROM case_actions a WHERE a.case_id = c.id AND a.status_after = 'closed' AND a.occurred_at < ${at})
      GROUP BY 1`,
  );
  rows += await insert('clocks.overdue', overdue(sql`rule NOT LIKE 'test.%'`));
  rows += await insert(
    'clocks.conference_level',
    overdue(
      sql`rule NOT LIKE 'test.%' AND cardinality(escalation_hours) > 0
        AND due_at + make_interval(hours => escalation_hours[cardinality(escalation_hours)]) <= ${at}`,
    ),
  );
  rows += await insert('referrals.overdue', overdue(sql`rule LIKE 'referral.%'`));
  rows += await insert('placements.station_overstay', overdue(sql`rule = 'placement.rescue_station_stay'`));
  rows += await insert('recommendations.overdue', overdue(sql`rule = 'recommendation.reply'`));
  rows += await insert('funding.benefits_overdue', overdue(sql`rule LIKE 'benefit.%'`));
  rows += await insert('visits.overdue', overdue(sql`rule LIKE 'visit.%'`));
  rows += await insert('visits.due', dueInMonth(sql`rule LIKE 'visit.%'`, false));
  rows += await insert('visits.on_time', dueInMonth(sql`rule LIKE 'visit.%'`, true));
  rows += await insert('family.reassessment_due', dueInMonth(sql`rule = 'assessment.periodic'`, false));
  rows += await insert('family.reassessed_on_time', dueInMonth(sql`rule = 'assessment.periodic'`, true));
  rows += await insert('family.entrusted_due', dueInMonth(sql`rule LIKE 'entrusted.%'`, false));
  rows += await insert('family.entrusted_on_time', dueInMonth(sql`rule LIKE 'entrusted.%'`, true));
  rows += await insert('security.verification_due', dueInMonth(sql`rule = 'benefit.verification'`, false));
  rows += await insert('security.verified_on_time', dueInMonth(sql`rule = 'benefit.verification'`, true));
  rows += await insert('security.decision_due', dueInMonth(sql`rule = 'benefit.decision'`, false));
  rows += await insert('security.decided_on_time', dueInMonth(sql`rule = 'benefit.decision'`, true));
  for (const category of shownCategories) rows += await insert(`security.category_${category}`, inDifficulty(category));
  rows += await storeFeatureCounts(trx, { month: m, start, at, day });
  await storeLevelTotals(trx, m);

  await sql`
    INSERT INTO insight_snapshot_months (month, as_of, final) VALUES (${m}, ${at}, ${final})
    ON CONFLICT (month) DO UPDATE SET as_of = excluded.as_of, final = excluded.final, computed_at = now()`.execute(trx);
  return rows;
}

/**
 * The month's counts summed per province, city, county and township, so a read of a large place
 * touches its own totals instead of adding up every village row of twelve months per request. A
 * largest-value count (the oldest open case's age) takes the largest instead of the sum.
 */
async function storeLevelTotals(trx: Trx, month: string): Promise<void> {
  await sql`
    INSERT INTO insight_snapshot_totals (month, level, division_code, indicator, value)
    SELECT s.month, l.level, rpad(left(s.division_code, l.digits), 12, '0'), s.indicator,
      CASE WHEN s.indicator = ANY(${[...largestStoredCounts]}::text[]) THEN max(s.value) ELSE sum(s.value) END
    FROM insight_snapshots s
    CROSS JOIN (VALUES ('province', 2), ('city', 4), ('county', 6), ('township', 9)) AS l(level, digits)
    WHERE s.month = ${month}::date
    GROUP BY 1, 2, 3, 4`.execute(trx);
}

export type SnapshotDb = Kysely<Database>;
