import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { IsoDate, WorkingDayCalendar } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { timelineInsertFrom } from '../timeline.js';
import './tables.js';

export interface RecomputedClocks {
  /** Open provisional clocks looked at. */
  examined: number;
  /** Clocks whose due time or provisional mark changed (each with a history row). */
  changed: number;
}

/** How each (start day, due day) pair of the provisional clocks lands on the new calendar. */
export interface ProvisionalMoves {
  examined: number;
  moves: { start_day: IsoDate; due_day: IsoDate; new_day: IsoDate; provisional: boolean }[];
}

/** A range of clock ids, `from` inclusive and `to` exclusive; null is open. */
export interface ClockIdRange {
  from: string | null;
  to: string | null;
}

/** `count` ranges splitting the uuid space evenly by its first four hex digits (count divides 65,536). */
export function clockIdRanges(count: number): ClockIdRange[] {
  const step = 0x10000 / count;
  const bound = (i: number) => `${(i * step).toString(16).padStart(4, '0')}0000-0000-0000-0000-000000000000`;
  return Array.from({ length: count }, (_, i) => ({
    from: i === 0 ? null : bound(i),
    to: i === count - 1 ? null : bound(i + 1),
  }));
}

/**
 * The pairs of the open provisional working-day clocks — of any rule and subject — and where each
 * lands after the holiday arrangement changed from `before` to `after`. A clock keeps the number of
 * working days it had between its start and its due day on the old calendar, laid on the new one
 * (for a clock that was paused and resumed the days of its pause were in a settled year, so the
 * count is unchanged there). The pairs are few (a few hundred at 1M clocks): one grouped read and
 * the tested calendar in memory, never a clock at a time.
 */
export async function provisionalMoves(
  trx: Transaction<Database>,
  calendars: { before: WorkingDayCalendar; after: WorkingDayCalendar },
  createdBefore: Date | null = null,
): Promise<ProvisionalMoves> {
  const pairs = await sql<{ start_day: IsoDate; due_day: IsoDate; clocks: number }>`
    SELECT to_char(started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS start_day,
           to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due_day, count(*)::int AS clocks
    FROM clocks
    WHERE provisional AND counts_working_days AND state IN ('running', 'paused')
      AND (${createdBefore}::timestamptz IS NULL OR created_at < ${createdBefore}::timestamptz)
    GROUP BY 1, 2`.execute(trx);
  const examined = pairs.rows.reduce((sum, p) => sum + p.clocks, 0);
  const moves = pairs.rows.map((pair) => {
    const days = calendars.before.workingDaysBetween(pair.start_day, pair.due_day).days;
    const next = calendars.after.addWorkingDays(pair.start_day, Math.max(0, days));
    return { start_day: pair.start_day, due_day: pair.due_day, new_day: next.date, provisional: next.provisional };
  });
  return { examined, moves };
}

export interface RangeOptions {
  actor: Actor;
  at: Date;
  reason: string;
  range: ClockIdRange;
  /** Only clocks created before this (those started later were computed on the new calendar). */
  createdBefore?: Date | null;
}

/**
 * Recomputes the provisional clocks of one id range from `moves`, in one statement: the clocks,
 * their history (`clock_changes`, one row per changed clock) and the children's timelines — only
 * for a deadline that moved to another day (one that only became final is in the clock's history).
 * A clock already on its new day and final is not touched, so running a range twice changes
 * nothing the second time. The clocks are not locked first; a clock stopped, paused or moved by a
 * concurrent transaction meanwhile fails the update's re-checked condition and is left as that
 * transaction made it. Escalation moves with the due time; a paused clock stays without one.
 */
export async function recomputeClockRange(
  trx: Transaction<Database>,
  moves: ProvisionalMoves['moves'],
  options: RangeOptions,
): Promise<{ changed: number; entries: number }> {
  if (moves.length === 0) return { changed: 0, entries: 0 };
  const { actor, at, reason, range } = options;
  const createdBefore = options.createdBefore ?? null;
  const entries = sql`
    SELECT u.child_id, 'clock.recomputed', ${reason}, 'clock', u.id::text,
      jsonb_build_object('dueAt', u.due_before, 'provisional', true),
      jsonb_build_object('dueAt', u.due_at, 'provisional', u.provisional),
      jsonb_build_object('rule', u.rule, 'subjectType', u.subject_type, 'subjectId', u.subject_id)
    FROM updated u WHERE u.child_id IS NOT NULL AND u.due_at <> u.due_before`;
  const result = await sql<{ changed: number; entries: number }>`
    WITH moves AS (
      SELECT m.start_day::date AS start_day, m.due_day::date AS due_day, m.provisional,
             (m.new_day || 'T23:59:59+08:00')::timestamptz AS due_after
      FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb)
        AS m(start_day text, due_day text, new_day text, provisional boolean)
    ),
    targets AS (
      SELECT c.id, c.due_at AS due_before, m.due_after, m.provisional AS provisional_after
      FROM clocks c
      JOIN moves m ON m.start_day = (c.started_at AT TIME ZONE 'Asia/Shanghai')::date
                  AND m.due_day = (c.due_at AT TIME ZONE 'Asia/Shanghai')::date
      WHERE c.provisional AND c.counts_working_days AND c.state IN ('running', 'paused')
        AND (${range.from}::uuid IS NULL OR c.id >= ${range.from}::uuid)
        AND (${range.to}::uuid IS NULL OR c.id < ${range.to}::uuid)
        AND (${createdBefore}::timestamptz IS NULL OR c.created_at < ${createdBefore}::timestamptz)
        AND (c.due_at <> m.due_after OR NOT m.provisional)
    ),
    updated AS (
      UPDATE clocks c
      SET due_at = t.due_after, provisional = t.provisional_after
      FROM targets t
      WHERE c.id = t.id AND c.due_at = t.due_before AND c.provisional AND c.state IN ('running', 'paused')
      RETURNING c.id, c.child_id, c.rule, c.subject_type, c.subject_id, c.due_at, c.provisional, t.due_before,
        c.state, c.escalation_hours
    ),
    -- The next escalation moves with the due time (its own row, migration 0190).
    escalations AS (
      UPDATE clock_escalations e
      SET next_escalation_at = CASE WHEN u.state = 'paused' OR e.escalation_level >= cardinality(u.escalation_hours) THEN NULL
            ELSE u.due_at + make_interval(hours => u.escalation_hours[e.escalation_level + 1]) END
      FROM updated u
      WHERE e.clock_id = u.id
    ),
    history AS (
      INSERT INTO clock_changes (clock_id, kind, due_before, due_after, provisional_before, provisional_after, reason,
        actor_user_id, actor_label, changed_at)
      SELECT id, 'recomputed', due_before, due_at, true, provisional, ${reason}, ${actor.userId}::uuid, ${actor.label}, ${at}::timestamptz
      FROM updated
      RETURNING 1
    ),
    timeline AS (${timelineInsertFrom(actor, entries)} RETURNING 1)
    SELECT (SELECT count(*) FROM history)::int AS changed, (SELECT count(*) FROM timeline)::int AS entries`.execute(
    trx,
  );
  return { changed: result.rows[0]?.changed ?? 0, entries: result.rows[0]?.entries ?? 0 };
}

/**
 * Every open provisional working-day clock recomputed in one transaction (small sets and tests);
 * the calendar load runs `recomputeClockRange` in batches, each in its own transaction.
 */
export async function recomputeProvisionalClocks(
  trx: Transaction<Database>,
  calendars: { before: WorkingDayCalendar; after: WorkingDayCalendar },
  actor: Actor,
  at: Date,
  reason: string,
): Promise<RecomputedClocks> {
  const { examined, moves } = await provisionalMoves(trx, calendars);
  const { changed } = await recomputeClockRange(trx, moves, { actor, at, reason, range: { from: null, to: null } });
  return { examined, changed };
}
