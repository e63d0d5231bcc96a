import type { WorkingDayCalendar } from '../../platform/calendar/index.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';

/** How long a step may take: minutes or hours on the clock, or working days on the calendar. */
export type ClockDuration = { minutes: number } | { hours: number } | { days: number } | { workingDays: number };

export interface DueTime {
  dueAt: Date;
  /** The deadline depends on a year whose holiday arrangement is not yet published. */
  provisional: boolean;
}

const minute = 60_000;

/** A deadline in working days ends with that working day (Beijing time). */
export function dueTime(start: Date, duration: ClockDuration, calendar: WorkingDayCalendar): DueTime {
  if ('minutes' in duration)
    return { dueAt: new Date(start.getTime() + duration.minutes * minute), provisional: false };
  if ('hours' in duration)
    return { dueAt: new Date(start.getTime() + duration.hours * 60 * minute), provisional: false };
  if ('days' in duration)
    return { dueAt: new Date(start.getTime() + duration.days * 24 * 60 * minute), provisional: false };
  const answer = calendar.addWorkingDays(shanghaiDateOf(start), duration.workingDays);
  return { dueAt: new Date(`${answer.date}T23:59:59+08:00`), provisional: answer.provisional };
}

/** When the level after `level` is reached, or null when the chain is exhausted. */
export function nextEscalationAt(dueAt: Date, hours: readonly number[], level: number): Date | null {
  const next = hours[level];
  return next === undefined ? null : new Date(dueAt.getTime() + next * 60 * minute);
}

/**
 * The level a clock has reached as of a moment: every level whose time has come while the clock
 * was still running. A clock met on time never escalates; one met late keeps the levels it
 * reached before it was met.
 */
export function levelAsOf(
  clock: { dueAt: Date; stoppedAt: Date | null; escalationHours: readonly number[] },
  asOf: Date,
): number {
  const until = clock.stoppedAt && clock.stoppedAt < asOf ? clock.stoppedAt : asOf;
  return clock.escalationHours.filter(
    (h) => clock.dueAt.getTime() + h * 60 * minute <= until.getTime() && clock.dueAt <= until,
  ).length;
}

/** A clock stopped at `at`: met if on time, missed if late. */
export function stoppedState(dueAt: Date, at: Date): 'met' | 'missed' {
  return at.getTime() <= dueAt.getTime() ? 'met' : 'missed';
}

/**
 * The due time of a paused clock resumed at `at`: the time that remained at the pause starts again
 * at `at`. For a clock in working days that is the working days left after the day it was paused
 * (the rest of that day is given back as the rest of the day it resumes); a clock paused when
 * already late stays as late as it was.
 */
export function resumedDueAt(
  clock: { dueAt: Date; pausedAt: Date; countsWorkingDays: boolean },
  at: Date,
  calendar: WorkingDayCalendar,
): DueTime {
  const left = clock.dueAt.getTime() - clock.pausedAt.getTime();
  if (!clock.countsWorkingDays || left < 0) return { dueAt: new Date(at.getTime() + left), provisional: false };
  const remaining = calendar.workingDaysBetween(shanghaiDateOf(clock.pausedAt), shanghaiDateOf(clock.dueAt));
  const due = dueTime(at, { workingDays: remaining.days }, calendar);
  return { dueAt: due.dueAt, provisional: due.provisional || remaining.provisional };
}
