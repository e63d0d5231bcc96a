import { sql } from 'kysely';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ClockSubjectType } from './tables.js';
import './tables.js';

/** Whom a clock belongs to: an organisation, and within it a person (null: the organisation as a whole). */
export interface ClockOwner {
  orgId: string;
  userId?: string | null;
}

/**
 * Which open clocks change hands: those of one child, one case or one subject (optionally of some
 * subject types), owned by `from` — its organisation, and its person when `from.userId` is given
 * (null: owned by the organisation as a whole).
 */
export interface ClockReassignment {
  childId?: string;
  caseId?: string;
  subjectId?: string;
  subjectTypes?: readonly ClockSubjectType[];
  from: ClockOwner;
  to: ClockOwner;
  at: Date;
}

/**
 * A change of owner (a child reassigned to another director, a case lead transferred): the running
 * and paused clocks selected follow it, so they reach the new owner's work and escalate from there.
 * Due time, state and escalation level are kept — a late clock stays as late, its alerts already
 * raised stay where they went. Each clock moved is audited. Returns the clocks moved.
 */
export async function reassignClocks(uow: UnitOfWork, change: ClockReassignment): Promise<string[]> {
  const { from, to } = change;
  if (!change.childId && !change.caseId && !change.subjectId) return [];
  if (from.orgId === to.orgId && (from.userId ?? null) === (to.userId ?? null)) return [];
  const types = change.subjectTypes;
  if (types && types.length === 0) return [];
  // The level is read with a lock on the clock's escalation row: a sweep batch escalating it meanwhile
  // is waited for (and skips it while this transaction holds it), so the audited level is current.
  const moved = await sql<{ id: string; child_id: string | null; rule: string; escalation_level: number }>`
    WITH moved AS (
    UPDATE clocks SET owner_org_id = ${to.orgId}, owner_user_id = ${to.userId ?? null}
    WHERE state IN ('running', 'paused') AND owner_org_id = ${from.orgId}
      ${from.userId === undefined ? sql`` : sql`AND owner_user_id IS NOT DISTINCT FROM ${from.userId}::uuid`}
      ${change.childId ? sql`AND child_id = ${change.childId}` : sql``}
      ${change.caseId ? sql`AND case_id = ${change.caseId}` : sql``}
      ${change.subjectId ? sql`AND subject_id = ${change.subjectId}` : sql``}
      ${types ? sql`AND subject_type IN (${sql.join([...types])})` : sql``}
    RETURNING id, child_id, rule
    ), levels AS (
      SELECT clock_id, escalation_level FROM clock_escalations WHERE clock_id IN (SELECT id FROM moved) FOR SHARE
    )
    SELECT m.id, m.child_id, m.rule, COALESCE(l.escalation_level, 0)::int AS escalation_level
    FROM moved m LEFT JOIN levels l ON l.clock_id = m.id`.execute(uow.trx);
  for (const clock of moved.rows)
    uow.audit({
      entityType: 'clock',
      entityId: clock.id,
      childId: clock.child_id,
      details: {
        rule: clock.rule,
        reassigned: {
          from: { orgId: from.orgId, userId: from.userId ?? null },
          to: { orgId: to.orgId, userId: to.userId ?? null },
        },
        level: clock.escalation_level,
      },
    });
  return moved.rows.map((clock) => clock.id);
}
