import { sql, type Transaction } from 'kysely';
import { shippedCalendar } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { clockRules } from './rule-sections.js';
import { type ClockDuration, dueTime, nextEscalationAt } from './rules.js';
import './tables.js';

export interface StartClock {
  rule: string;
  ownerOrgId: string;
  ownerUserId?: string | null;
  subjectType: 'report_recipient' | 'case';
  subjectId: string;
  caseId?: string | null;
  reportId?: string | null;
  childId?: string | null;
  divisionCode: string;
  startedAt: Date;
  duration: ClockDuration;
}

/** Stores a deadline as a row (invariant 4), with the escalation steps of the place's rule set. */
export async function startClock(trx: Transaction<Database>, rules: RuleSet, input: StartClock): Promise<string> {
  const { dueAt, provisional } = dueTime(input.startedAt, input.duration, shippedCalendar());
  const hours = rules.get(clockRules).escalationHours;
  const row = await trx
    .insertInto('clocks')
    .values({
      rule: input.rule,
      owner_org_id: input.ownerOrgId,
      owner_user_id: input.ownerUserId ?? null,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      case_id: input.caseId ?? null,
      report_id: input.reportId ?? null,
      child_id: input.childId ?? null,
      division_code: input.divisionCode,
      started_at: input.startedAt,
      due_at: dueAt,
      provisional,
      escalation_hours: [...hours],
      next_escalation_at: nextEscalationAt(dueAt, hours, 0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Stops the running clocks of a subject: met when on time, missed when late. A missed clock keeps
 * its next escalation time so the sweep still records the levels it reached before it was met.
 */
export async function stopClocks(
  trx: Transaction<Database>,
  where: { subjectId?: string; caseId?: string; rules: readonly string[] },
  at: Date,
  seq: number | null = null,
): Promise<number> {
  if (where.rules.length === 0 || (!where.subjectId && !where.caseId)) return 0;
  const result = await sql`
    UPDATE clocks
    SET state = CASE WHEN ${at}::timestamptz <= due_at THEN 'met' ELSE 'missed' END,
        stopped_at = ${at}::timestamptz,
        stopped_by_seq = ${seq},
        next_escalation_at = CASE WHEN ${at}::timestamptz <= due_at THEN NULL ELSE next_escalation_at END
    WHERE state IN ('running', 'paused')
      AND rule IN (${sql.join(where.rules)})
      ${where.subjectId ? sql`AND subject_id = ${where.subjectId}` : sql``}
      ${where.caseId ? sql`AND case_id = ${where.caseId}` : sql``}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Pausing keeps the clock from escalating; resuming moves the due time by the paused span. */
export async function pauseClock(
  trx: Transaction<Database>,
  clockId: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const result = await sql`
    UPDATE clocks SET state = 'paused', paused_at = ${at}::timestamptz, pause_reason = ${reason}, next_escalation_at = NULL
    WHERE id = ${clockId} AND state = 'running'`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function resumeClock(trx: Transaction<Database>, clockId: string, at: Date): Promise<boolean> {
  const result = await sql`
    UPDATE clocks
    SET state = 'running',
        due_at = due_at + (${at}::timestamptz - paused_at),
        next_escalation_at = due_at + (${at}::timestamptz - paused_at) + make_interval(hours => escalation_hours[escalation_level + 1]),
        paused_at = NULL
    WHERE id = ${clockId} AND state = 'paused'`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}
