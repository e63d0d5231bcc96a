import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';

export interface ConferenceCounts {
  divisionCode: string;
  escalated: number;
  done: number;
  cancelled: number;
  overdue: number;
}

/**
 * The joint conference for the insight snapshots (counts only), per conference division: agenda
 * items escalated to it (every source but a typed-in `free` item) added in [from, to); action
 * items closed in [from, to) as done or cancelled; action items open at `to` whose due day is
 * before `lastDay` (T's day).
 */
export async function conferenceOutcomesBetween(
  db: Kysely<Database> | Transaction<Database>,
  from: Date,
  to: Date,
  lastDay: string,
): Promise<ConferenceCounts[]> {
  const why = systemScope('insight snapshot: conference items are counted, none is shown');
  const { rows } = await sql<ConferenceCounts>`
    SELECT code AS "divisionCode", sum(escalated)::int AS escalated, sum(done)::int AS done,
      sum(cancelled)::int AS cancelled, sum(overdue)::int AS overdue
    FROM (
      SELECT m.division_code AS code, count(*) AS escalated, 0 AS done, 0 AS cancelled, 0 AS overdue
      FROM conference_agenda_items i JOIN conference_meetings m ON m.id = i.meeting_id
      WHERE i.source <> 'free' AND i.added_at >= ${from} AND i.added_at < ${to} AND ${why}
      GROUP BY 1
      UNION ALL
      SELECT division_code, 0,
        count(*) FILTER (WHERE status = 'done' AND closed_at >= ${from} AND closed_at < ${to}),
        count(*) FILTER (WHERE status = 'cancelled' AND closed_at >= ${from} AND closed_at < ${to}),
        count(*) FILTER (WHERE created_at < ${to} AND (closed_at IS NULL OR closed_at >= ${to}) AND due_on < ${lastDay}::date)
      FROM conference_action_items WHERE ${why}
      GROUP BY 1) counted
    GROUP BY 1`.execute(db);
  return rows;
}
