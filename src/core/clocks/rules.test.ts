import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../platform/calendar/index.js';
import { dueTime, levelAsOf, nextEscalationAt, stoppedState } from './rules.js';

const hours = [0, 2, 24, 72, 168];
const h = 3_600_000;

describe('clock deadlines', () => {
  it('counts minutes on the clock and working days on the Chinese calendar', () => {
    const start = new Date('2026-09-30T10:00:00+08:00');
    expect(dueTime(start, { minutes: 60 }, shippedCalendar()).dueAt.toISOString()).toBe('2026-09-30T03:00:00.000Z');
    // National Day holiday 1–7 October 2026; 10 October (Saturday) is a working day (调休).
    const due = dueTime(start, { workingDays: 1 }, shippedCalendar());
    expect(due.dueAt.toISOString()).toBe(new Date('2026-10-08T23:59:59+08:00').toISOString());
    expect(due.provisional).toBe(false);
  });

  it('marks a deadline in a year without holiday data provisional', () => {
    expect(dueTime(new Date('2029-06-01T10:00:00+08:00'), { workingDays: 5 }, shippedCalendar()).provisional).toBe(
      true,
    );
  });
});

describe('escalation as of a moment', () => {
  const dueAt = new Date('2026-03-02T10:00:00Z');
  it('reaches one level per step while the clock runs', () => {
    expect(levelAsOf({ dueAt, stoppedAt: null, escalationHours: hours }, new Date(dueAt.getTime() - 1))).toBe(0);
    expect(levelAsOf({ dueAt, stoppedAt: null, escalationHours: hours }, dueAt)).toBe(1);
    expect(levelAsOf({ dueAt, stoppedAt: null, escalationHours: hours }, new Date(dueAt.getTime() + 25 * h))).toBe(3);
    expect(levelAsOf({ dueAt, stoppedAt: null, escalationHours: hours }, new Date(dueAt.getTime() + 30 * 24 * h))).toBe(
      5,
    );
  });
  it('a clock met late keeps only the levels reached before it was met', () => {
    const stoppedAt = new Date(dueAt.getTime() + 3 * h);
    expect(levelAsOf({ dueAt, stoppedAt, escalationHours: hours }, new Date(dueAt.getTime() + 14 * 24 * h))).toBe(2);
    expect(stoppedState(dueAt, stoppedAt)).toBe('missed');
    expect(stoppedState(dueAt, dueAt)).toBe('met');
  });
  it('knows when the next level is due', () => {
    expect(nextEscalationAt(dueAt, hours, 1)?.toISOString()).toBe(new Date(dueAt.getTime() + 2 * h).toISOString());
    expect(nextEscalationAt(dueAt, hours, 5)).toBeNull();
  });
});
