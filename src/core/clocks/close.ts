import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { metEscalations } from './store.js';
import type { ClockState, ClockSubjectType } from './tables.js';
import './tables.js';

/** A clock closed because what it measured no longer applies. */
export interface ClosedClock {
  id: string;
  subjectId: string;
  childId: string | null;
  rule: string;
  state: ClockState;
}

/**
 * Closes the open clocks of the subjects named because their rule stopped applying (a child's
 * category ended, the child left the registry): stopped like `stopClocks` (met when on time, missed
 * when late — the levels already reached stay raised), and each closure written to the clock's
 * history (`clock_changes`, kind `stopped`) with the reason, so a clock that simply ends can be told
 * from one that was met by the work it asked for.
 */
export async function closeClocks(
  trx: Transaction<Database>,
  actor: Actor,
  where: { subjectType: ClockSubjectType; subjectIds: readonly string[] },
  at: Date,
  reason: string,
): Promise<ClosedClock[]> {
  if (where.subjectIds.length === 0) return [];
  const closed = await sql<{
    id: string;
    subject_id: string;
    child_id: string | null;
    rule: string;
    state: ClockState;
  }>`
    WITH stopped AS (
      UPDATE clocks
      SET state = CASE WHEN ${at}::timestamptz <= due_at THEN 'met' ELSE 'missed' END,
          stopped_at = ${at}::timestamptz
      WHERE state IN ('running', 'paused') AND subject_type = ${where.subjectType}
        AND subject_id IN (${sql.join([...where.subjectIds])})
      RETURNING id, subject_id, child_id, rule, state, due_at, provisional
    ), ${metEscalations()}, logged AS (
      INSERT INTO clock_changes (clock_id, kind, due_before, due_after, provisional_before, provisional_after, reason,
        actor_user_id, actor_label, changed_at)
      SELECT id, 'stopped', due_at, due_at, provisional, provisional, ${reason}, ${actor.userId}::uuid, ${actor.label},
        ${at}::timestamptz
      FROM stopped
    )
    SELECT id, subject_id, child_id, rule, state FROM stopped ORDER BY subject_id, rule`.execute(trx);
  return closed.rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    childId: r.child_id,
    rule: r.rule,
    state: r.state,
  }));
}
