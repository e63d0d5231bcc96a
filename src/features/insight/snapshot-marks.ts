import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { systemScope } from '../../core/scope/system-scope.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

/** The divisions the running month's run recomputes (session-local, filled by `markedDivisions`). */
export const markedTable = sql.table('insight_snapshot_marked');

/** A restriction of a count to the marked divisions, or none (a full run). */
export type Within = (column: RawBuilder<unknown>) => RawBuilder<unknown>;

export const everywhere: Within = () => sql`true`;
const onlyMarked: Within = (column) => sql`${column} IN (SELECT division_code FROM ${markedTable})`;

const everyChild = () => systemScope('the monthly insight snapshot finds the places whose counts changed');

/**
 * How the running month is computed this run: `full` when it has no earlier run, when that run is
 * later than `at` (a replay) or was not written with the marks complete (before migration 0186);
 * otherwise only the divisions marked by writers since then (0186's triggers) and those whose
 * counts moved with time alone between the two runs: clocks falling due, category start and end
 * dates passing, reports, closures and referral declines dated after the last run, referral
 * clocks falling due (migration 0187 marks the referral counts' writers). Consumes the marks written up to
 * `at`; a mark written later (a round started before the write) stays for the next run.
 */
export async function markedDivisions(
  trx: Trx,
  month: string,
  at: Date,
): Promise<{ within: Within; divisions: number | null; replay: boolean }> {
  const last = await trx
    .selectFrom('insight_snapshot_months')
    .select(['as_of', 'marked'])
    .where('month', '=', month)
    .executeTakeFirst();
  // A replay leaves the marks alone (they belong to the runs after the moment it replays), and the
  // month it writes cannot be carried forward by them: some were consumed by the later run it replaced.
  if (last && last.as_of.getTime() > at.getTime()) return { within: everywhere, divisions: null, replay: true };
  if (!last?.marked) {
    await sql`DELETE FROM insight_snapshot_marks WHERE marked_at <= ${at}`.execute(trx);
    return { within: everywhere, divisions: null, replay: false };
  }
  const since = last.as_of;
  const lastDay = shanghaiDateOf(new Date(since.getTime() - 1));
  const day = shanghaiDateOf(new Date(at.getTime() - 1));
  await sql`
    CREATE TEMP TABLE IF NOT EXISTS insight_snapshot_marked (division_code text PRIMARY KEY) ON COMMIT DROP`.execute(
    trx,
  );
  await sql`TRUNCATE insight_snapshot_marked`.execute(trx);
  // A due time counts at both ends (overdue from `due_at <= at`, due in the month while `due_at < at`); a date counts from the day after the last run's.
  await sql`
    WITH consumed AS (DELETE FROM insight_snapshot_marks WHERE marked_at <= ${at} RETURNING division_code)
    INSERT INTO ${markedTable} (division_code)
    SELECT division_code FROM consumed
    UNION SELECT division_code FROM insight_snapshot_marks WHERE marked_at > ${at}
    UNION SELECT division_code FROM clocks WHERE due_at >= ${since} AND due_at <= ${at}
    UNION SELECT c.residence_code FROM child_categories cc JOIN children c ON c.id = cc.child_id
      WHERE cc.state IN ('confirmed', 'ended') AND ${everyChild()}
        AND (cc.start_date > ${lastDay}::date AND cc.start_date <= ${day}::date
          OR cc.end_date > ${lastDay}::date AND cc.end_date <= ${day}::date)
    UNION SELECT division_code FROM reports WHERE reported_at >= ${since} AND reported_at <= ${at} AND ${everyChild()}
    UNION SELECT c.division_code FROM case_actions a JOIN cases c ON c.id = a.case_id
      WHERE a.status_after = 'closed' AND a.occurred_at >= ${since} AND a.occurred_at <= ${at} AND ${everyChild()}
    UNION SELECT r.division_code FROM clocks k JOIN referrals r ON r.id = k.subject_id
      WHERE k.rule LIKE 'referral.%' AND k.due_at >= ${since} AND k.due_at <= ${at} AND ${everyChild()}
    UNION SELECT r.division_code FROM referral_actions a JOIN referrals r ON r.id = a.referral_id
      WHERE a.status_after = 'declined' AND a.occurred_at >= ${since} AND a.occurred_at <= ${at} AND ${everyChild()}`.execute(
    trx,
  );
  // A temporary table has no statistics until analysed: the counts' plans depend on its size.
  await sql`ANALYZE insight_snapshot_marked`.execute(trx);
  const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${markedTable}`.execute(trx);
  return { within: onlyMarked, divisions: counted.rows[0]?.n ?? 0, replay: false };
}
