import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../platform/calendar/index.js';
import { ruleDocumentProblems } from '../../platform/rules/rule-set.js';
import { clockRules, defaultEscalationChain } from './rule-sections.js';
import { dueTime, levelAsOf, nextEscalationAt, resumedDueAt, stoppedState } from './rules.js';

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

describe('a paused clock resumes with the time it had left', () => {
  const at = (iso: string) => new Date(iso);
  it('working days: a pause over a weekend costs none of them', () => {
    // Started Monday 2 March 2026 with 3 working days: due Thursday 5 March. Paused on Tuesday with
    // Wednesday and Thursday left; resumed on Saturday, those two are Monday 9 and Tuesday 10 March.
    const clock = { dueAt: at('2026-03-05T23:59:59+08:00'), pausedAt: at('2026-03-03T10:00:00+08:00') };
    const resumed = resumedDueAt(
      { ...clock, countsWorkingDays: true },
      at('2026-03-07T12:00:00+08:00'),
      shippedCalendar(),
    );
    expect(resumed.dueAt.toISOString()).toBe(at('2026-03-10T23:59:59+08:00').toISOString());
    // The span alone (a clock in hours or days) would end on the Tuesday's first hours.
    const span = resumedDueAt(
      { ...clock, countsWorkingDays: false },
      at('2026-03-07T12:00:00+08:00'),
      shippedCalendar(),
    );
    expect(span.dueAt.toISOString()).toBe(at('2026-03-10T01:59:59+08:00').toISOString());
  });
  it('working days: resumed on a public holiday, the day left is the first working day after it', () => {
    // Due Wednesday 30 September 2026, paused the day before; resumed on 1 October (National Day, 1–7 October).
    const clock = { dueAt: at('2026-09-30T23:59:59+08:00'), pausedAt: at('2026-09-29T16:00:00+08:00') };
    const resumed = resumedDueAt(
      { ...clock, countsWorkingDays: true },
      at('2026-10-01T09:00:00+08:00'),
      shippedCalendar(),
    );
    expect(resumed.dueAt.toISOString()).toBe(at('2026-10-08T23:59:59+08:00').toISOString());
    expect(resumed.provisional).toBe(false);
  });
  it('a clock paused when already late stays as late as it was', () => {
    const clock = { dueAt: at('2026-03-05T23:59:59+08:00'), pausedAt: at('2026-03-06T11:59:59+08:00') };
    const resumed = resumedDueAt(
      { ...clock, countsWorkingDays: true },
      at('2026-03-09T12:00:00+08:00'),
      shippedCalendar(),
    );
    expect(resumed.dueAt.toISOString()).toBe(at('2026-03-09T00:00:00+08:00').toISOString());
  });
});

describe('the escalation chain is rule data', () => {
  it("defaults to today's five levels: owner, village director, township supervisor, county, joint conference", () => {
    const rules = clockRules.schema.parse({});
    expect(rules.escalationChain).toEqual(defaultEscalationChain);
    expect(rules.escalationChain.map((level) => level.recipients[0]?.place ?? 'owner')).toEqual([
      'owner',
      'village',
      'township',
      'county',
      'city',
    ]);
    expect(rules.escalationChain[4]?.recipients[0]).toMatchObject({ kind: 'civil_affairs_bureau', leadAgency: true });
  });
  it('is validated: one hour per level, the owner level names nobody, every other level somebody', () => {
    const owner = { target: 'owner', recipients: [] };
    const township = {
      target: 'supervisor',
      recipients: [{ place: 'township', kind: 'township_government', role: 'township_supervisor' }],
    };
    expect(ruleDocumentProblems({ clocks: { escalationHours: [0, 24], escalationChain: [owner, township] } })).toEqual(
      [],
    );
    expect(ruleDocumentProblems({ clocks: { escalationHours: [0], escalationChain: [owner, township] } })).toEqual([
      { path: 'clocks.escalationChain', message: 'one escalation hour per level of the chain' },
    ]);
    expect(
      ruleDocumentProblems({
        clocks: { escalationHours: [0, 24], escalationChain: [owner, { target: 'director', recipients: [] }] },
      }).map((p) => p.path),
    ).toEqual(['clocks.escalationChain.1']);
    expect(
      ruleDocumentProblems({
        clocks: {
          escalationHours: [0, 24],
          escalationChain: [owner, { ...township, recipients: [{ ...township.recipients[0], place: 'planet' }] }],
        },
      }).map((p) => p.path),
    ).toEqual(['clocks.escalationChain.1.recipients.0.place']);
  });
});
