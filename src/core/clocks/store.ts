import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { calendarInForce } from '../../platform/holidays/store.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { clockRules } from './rule-sections.js';
import { type ClockDuration, dueTime, nextEscalationAt, resumedDueAt } from './rules.js';
import type { ClockSubjectType } from './tables.js';
import './tables.js';

type Trx = Transaction<Database>;

export interface StartClock {
  rule: string;
  ownerOrgId: string;
  ownerUserId?: string | null;
  subjectType: ClockSubjectType;
  subjectId: string;
  caseId?: string | null;
  reportId?: string | null;
  childId?: string | null;
  divisionCode: string;
  startedAt: Date;
  duration: ClockDuration;
  /**
   * The hours after the due time at which each level of the chain is reached, when a feature's own
   * rule section sets them (a home visit's grace period is days, not hours); one per level of the
   * place's chain, else the `clocks` section's are used.
   */
  escalationHours?: readonly number[];
}

/** Stores a deadline as a row (invariant 4), with the escalation steps of the place's rule set. */
export async function startClock(trx: Trx, rules: RuleSet, input: StartClock): Promise<string> {
  const { dueAt, provisional } = dueTime(input.startedAt, input.duration, await calendarInForce(trx));
  const section = rules.get(clockRules);
  const hours =
    input.escalationHours && input.escalationHours.length === section.escalationChain.length
      ? input.escalationHours
      : section.escalationHours;
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
      counts_working_days: 'workingDays' in input.duration,
      escalation_hours: [...hours],
      next_escalation_at: nextEscalationAt(dueAt, hours, 0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Which open clocks to stop: those of one subject, of one case, or of the reports joined to a case;
 * of the named rules, or of every rule.
 */
export interface ClockSelection {
  subjectId?: string;
  caseId?: string;
  reportsOfCase?: string;
  rules: readonly string[] | 'every rule';
}

/**
 * Stops the running (or paused) clocks selected: met when on time, missed when late (the one place
 * the rule is written for the database; `stoppedState` in rules.ts is the same rule in memory). A
 * missed clock keeps its next escalation time so the sweep still records the levels it reached
 * before it was met. `seq` is the action (of the subject's log) that stopped it.
 */
export async function stopClocks(
  trx: Trx,
  where: ClockSelection,
  at: Date,
  seq: number | null = null,
): Promise<number> {
  if (where.rules.length === 0 || (!where.subjectId && !where.caseId && !where.reportsOfCase)) return 0;
  const result = await sql`
    UPDATE clocks
    SET state = CASE WHEN ${at}::timestamptz <= due_at THEN 'met' ELSE 'missed' END,
        stopped_at = ${at}::timestamptz,
        stopped_by_seq = ${seq},
        next_escalation_at = CASE WHEN ${at}::timestamptz <= due_at THEN NULL ELSE next_escalation_at END
    WHERE state IN ('running', 'paused')
      ${where.rules === 'every rule' ? sql`` : sql`AND rule IN (${sql.join(where.rules)})`}
      ${where.subjectId ? sql`AND subject_id = ${where.subjectId}` : sql``}
      ${where.caseId ? sql`AND case_id = ${where.caseId}` : sql``}
      ${where.reportsOfCase ? sql`AND report_id IN (SELECT id FROM reports WHERE case_id = ${where.reportsOfCase})` : sql``}`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** Pausing keeps the clock from escalating until it is resumed. */
export async function pauseClock(trx: Trx, clockId: string, at: Date, reason: string): Promise<boolean> {
  const result = await sql`
    UPDATE clocks SET state = 'paused', paused_at = ${at}::timestamptz, pause_reason = ${reason}, next_escalation_at = NULL
    WHERE id = ${clockId} AND state = 'running'`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/**
 * Resuming gives back the time that remained when the clock was paused: working days for a clock
 * counted in working days (a pause over a weekend or holiday costs none of them), else the span.
 */
export async function resumeClock(trx: Trx, clockId: string, at: Date): Promise<boolean> {
  const clock = await trx
    .selectFrom('clocks')
    .select(['due_at', 'paused_at', 'counts_working_days', 'escalation_hours', 'escalation_level'])
    .where('id', '=', clockId)
    .where('state', '=', 'paused')
    .forUpdate()
    .executeTakeFirst();
  if (!clock?.paused_at) return false;
  const due = resumedDueAt(
    { dueAt: clock.due_at, pausedAt: clock.paused_at, countsWorkingDays: clock.counts_working_days },
    at,
    await calendarInForce(trx),
  );
  await trx
    .updateTable('clocks')
    .set({
      state: 'running',
      due_at: due.dueAt,
      provisional: due.provisional,
      next_escalation_at: nextEscalationAt(due.dueAt, clock.escalation_hours, clock.escalation_level),
      paused_at: null,
    })
    .where('id', '=', clockId)
    .execute();
  return true;
}
