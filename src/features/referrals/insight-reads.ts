import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { OrganisationKind } from '../../contract/organisations/kinds.js';

/**
 * Referrals by the kind of their receiver, per the child's division, for the insight snapshots
 * (counts only): those declined in [from, to), and those with a response or completion clock
 * overdue at `to` (started, due, not stopped by then, not paused then). The clocks come from
 * `clocks_referral_idx` (0200), which holds the referral clocks only and the columns read here; the
 * declines from `referral_actions_declined_at_idx` (0200), a range by time.
 */
export async function referralsByReceiverBetween(
  db: Kysely<Database> | Transaction<Database>,
  from: Date,
  to: Date,
  divisions: readonly string[] | null = null,
): Promise<{ divisionCode: string; receiverKind: OrganisationKind; declined: number; overdue: number }[]> {
  if (divisions?.length === 0) return [];
  const { rows } = await sql<{
    divisionCode: string;
    receiverKind: OrganisationKind;
    declined: number;
    overdue: number;
  }>`
    SELECT r.division_code AS "divisionCode", o.kind AS "receiverKind",
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_actions a WHERE a.referral_id = r.id
        AND a.status_after = 'declined' AND a.occurred_at >= ${from} AND a.occurred_at < ${to}))::int AS declined,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clocks k WHERE k.subject_id = r.id AND k.rule LIKE 'referral.%'
        AND k.started_at <= ${to} AND k.due_at <= ${to} AND (k.stopped_at IS NULL OR k.stopped_at > ${to})
        AND NOT (k.state = 'paused' AND k.paused_at <= ${to})))::int AS overdue
    FROM referrals r JOIN organisations o ON o.id = r.to_org_id
    WHERE r.created_at < ${to} AND ${inDivisions(divisions)}
      AND ${systemScope('insight snapshot: referrals are counted by receiver kind, no child is named')}
    GROUP BY 1, 2`.execute(db);
  return rows.filter((row) => row.declined > 0 || row.overdue > 0);
}

/** Only the referrals of these divisions (the snapshot's running month recounts only where they changed), or all. */
export function inDivisions(divisions: readonly string[] | null) {
  return divisions === null ? sql`true` : sql`r.division_code = ANY(${[...divisions]}::text[])`;
}
