import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { calendarInForce } from '../../platform/holidays/store.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { escalationLevelOf } from './escalation.js';
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
  const [id] = await startClocks(trx, [{ rules, clock: input }]);
  return id!;
}

/** One clock to start in bulk: the rule set of the clock's place and what to start. */
export interface ClockToStart {
  rules: RuleSet;
  clock: StartClock;
}

const rowsPerInsert = 1000;

/**
 * Starts many clocks with one read of the calendar and one INSERT per thousand rows: a sweep's first
 * run over a province (one visit and one screening clock per child) would otherwise take a calendar
 * read and an insert per clock — hours at a million children. Returns the new ids.
 */
export async function startClocks(trx: Trx, inputs: readonly ClockToStart[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const calendar = await calendarInForce(trx);
  const rows = inputs.map(({ rules, clock }) => {
    const { dueAt, provisional } = dueTime(clock.startedAt, clock.duration, calendar);
    const section = rules.get(clockRules);
    const hours =
      clock.escalationHours && clock.escalationHours.length === section.escalationChain.length
        ? clock.escalationHours
        : section.escalationHours;
    return {
      rule: clock.rule,
      owner_org_id: clock.ownerOrgId,
      owner_user_id: clock.ownerUserId ?? null,
      subject_type: clock.subjectType,
      subject_id: clock.subjectId,
      case_id: clock.caseId ?? null,
      report_id: clock.reportId ?? null,
      child_id: clock.childId ?? null,
      division_code: clock.divisionCode,
      started_at: clock.startedAt,
      due_at: dueAt,
      provisional,
      counts_working_days: 'workingDays' in clock.duration,
      escalation_hours: [...hours],
    };
  });
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    // The escalation row in the same statement: its first time is `nextEscalationAt(due, hours, 0)`.
    const inserted = await trx
      .with('started', (db) =>
        db
          .insertInto('clocks')
          .values(rows.slice(i, i + rowsPerInsert))
          .returning(['id', 'due_at', 'escalation_hours']),
      )
      .with('escalations', (db) =>
        db
          .insertInto('clock_escalations')
          .columns(['clock_id', 'next_escalation_at'])
          .expression((eb) =>
            eb
              .selectFrom('started')
              .select([
                'started.id',
                sql<Date | null>`started.due_at + make_interval(hours => started.escalation_hours[1])`.as('next'),
              ]),
          )
          .returning('clock_id'),
      )
      .selectFrom('started')
      .select('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/**
 * Which open clocks to stop: those of one subject, of one case, or of the reports joined to a case;
 * of the named rules, or of every rule.
 */
export interface ClockSelection {
  subjectId?: string;
  /** Many subjects at once (a sweep's page). */
  subjectIds?: readonly string[];
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
  if (where.subjectIds?.length === 0) return 0;
  if (where.rules.length === 0 || (!where.subjectId && !where.subjectIds && !where.caseId && !where.reportsOfCase))
    return 0;
  const result = await sql<{ stopped: number }>`
    WITH stopped AS (
    UPDATE clocks
    SET state = CASE WHEN ${at}::timestamptz <= due_at THEN 'met' ELSE 'missed' END,
        stopped_at = ${at}::timestamptz,
        stopped_by_seq = ${seq}
    WHERE state IN ('running', 'paused')
      ${where.rules === 'every rule' ? sql`` : sql`AND rule IN (${sql.join(where.rules)})`}
      ${where.subjectId ? sql`AND subject_id = ${where.subjectId}` : sql``}
      ${where.subjectIds ? sql`AND subject_id = ANY(${[...where.subjectIds]}::uuid[])` : sql``}
      ${where.caseId ? sql`AND case_id = ${where.caseId}` : sql``}
      ${where.reportsOfCase ? sql`AND report_id IN (SELECT id FROM reports WHERE case_id = ${where.reportsOfCase})` : sql``}
    RETURNING id, state
    ), ${metEscalations()}
    SELECT count(*)::int AS stopped FROM stopped`.execute(trx);
  return result.rows[0]?.stopped ?? 0;
}

/**
 * The data-modifying CTE that goes with a statement's `stopped` (id, state) clocks: one met on time
 * has nothing more to raise; a missed one keeps its next escalation time, so the sweep still records
 * the levels it reached before it was met.
 */
export function metEscalations() {
  return sql`met_escalations AS (
      UPDATE clock_escalations e SET next_escalation_at = NULL
      FROM stopped s WHERE e.clock_id = s.id AND s.state = 'met' AND e.next_escalation_at IS NOT NULL
    )`;
}

/** Pausing keeps the clock from escalating until it is resumed. */
export async function pauseClock(trx: Trx, clockId: string, at: Date, reason: string): Promise<boolean> {
  const result = await sql<{ paused: number }>`
    WITH paused AS (
      UPDATE clocks SET state = 'paused', paused_at = ${at}::timestamptz, pause_reason = ${reason}
      WHERE id = ${clockId} AND state = 'running'
      RETURNING id
    ), held AS (
      UPDATE clock_escalations e SET next_escalation_at = NULL
      FROM paused p WHERE e.clock_id = p.id AND e.next_escalation_at IS NOT NULL
    )
    SELECT count(*)::int AS paused FROM paused`.execute(trx);
  return result.rows[0]?.paused === 1;
}

/**
 * Resuming gives back the time that remained when the clock was paused: working days for a clock
 * counted in working days (a pause over a weekend or holiday costs none of them), else the span.
 */
export async function resumeClock(trx: Trx, clockId: string, at: Date): Promise<boolean> {
  const clock = await trx
    .selectFrom('clocks')
    .select(['due_at', 'paused_at', 'counts_working_days', 'escalation_hours', escalationLevelOf('clocks.id')])
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
      paused_at: null,
    })
    .where('id', '=', clockId)
    .execute();
  const next = nextEscalationAt(due.dueAt, clock.escalation_hours, clock.escalation_level);
  await trx
    .insertInto('clock_escalations')
    .values({ clock_id: clockId, escalation_level: clock.escalation_level, next_escalation_at: next })
    .onConflict((oc) => oc.column('clock_id').doUpdateSet({ next_escalation_at: next }))
    .execute();
  return true;
}
