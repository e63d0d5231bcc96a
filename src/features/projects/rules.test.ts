import { describe, expect, it } from 'vitest';
import { achievementOf, budgetExecution, countIndicators, indicatorProblems, splitFen, windowOf } from './rules.js';

const frame = { projectId: 'p', startsOn: '2026-01-01', endsOn: '2026-06-30', areaCodes: ['421002000000'] };
const at = (iso: string) => new Date(iso);

describe('counting a project from recorded work', () => {
  const work = {
    referralSteps: [
      {
        childId: 'a',
        divisionCode: '421002101201',
        service: 's',
        step: 'accept' as const,
        occurredAt: at('2026-01-01T00:30:00+08:00'),
      },
      {
        childId: 'a',
        divisionCode: '421002101201',
        service: 's',
        step: 'complete' as const,
        occurredAt: at('2026-06-30T23:59:00+08:00'),
      },
      // The last minute of 2025 in China, and a referral in another county: neither counts.
      {
        childId: 'b',
        divisionCode: '421002101201',
        service: 's',
        step: 'accept' as const,
        occurredAt: at('2025-12-31T23:59:00+08:00'),
      },
      {
        childId: 'c',
        divisionCode: '421022100201',
        service: 's',
        step: 'accept' as const,
        occurredAt: at('2026-03-01T10:00:00+08:00'),
      },
    ],
    visits: [
      { childId: 'd', visitedOn: '2026-02-01', residenceCode: '421002101204' },
      { childId: 'd', visitedOn: '2026-07-01', residenceCode: '421002101204' },
    ],
    sessions: [
      { childId: null, divisionCode: '421002101000', heldOn: '2026-03-01', kind: 'training', minutes: 100 },
      { childId: null, divisionCode: '421002101000', heldOn: '2026-03-02', kind: 'training', minutes: 30 },
      { childId: 'a', divisionCode: '421002101201', heldOn: '2026-03-02', kind: 'counselling', minutes: 50 },
    ],
    participations: [
      { childId: 'e', residenceCode: '421002101201', startedAt: at('2025-11-01T00:00:00Z'), endedAt: null },
    ],
    // Volunteer hours: one in the period and area; one after it; one in another county; one for another project.
    volunteerHours: [
      { projectId: 'p', heldOn: '2026-04-01', divisionCode: '421002101000', hours: 3 },
      { projectId: 'p', heldOn: '2026-07-01', divisionCode: '421002101000', hours: 5 },
      { projectId: 'p', heldOn: '2026-04-01', divisionCode: '421022100000', hours: 7 },
      { projectId: 'q', heldOn: '2026-04-01', divisionCode: '421002101000', hours: 11 },
    ],
  };

  it('counts only inside the period (China days) and the area', () => {
    expect(countIndicators(work, frame)).toEqual({
      children_served: 3,
      referrals_accepted: 1,
      referrals_completed: 1,
      home_visits: 1,
      counselling_sessions: 1,
      family_education_sessions: 0,
      training_hours: 2,
      volunteer_hours: 3,
    });
  });

  it('counts up to an evaluation day', () => {
    expect(countIndicators(work, frame, '2026-02-15').referrals_completed).toBe(0);
    expect(windowOf('2026-01-01', '2026-01-01').to.toISOString()).toBe('2026-01-01T16:00:00.000Z');
  });
});

describe('indicator definitions', () => {
  it('names the kinds Haven cannot count, the unknown and the repeated', () => {
    expect(
      indicatorProblems([
        { kind: 'home_visits' },
        { kind: 'satisfaction' },
        { kind: 'likes' },
        { kind: 'home_visits' },
      ]),
    ).toEqual([
      { index: 1, kind: 'satisfaction', problem: 'uncomputable' },
      { index: 2, kind: 'likes', problem: 'unknown' },
      { index: 3, kind: 'home_visits', problem: 'duplicate' },
    ]);
  });
});

describe('money in fen', () => {
  it('splits exactly and reports execution in integers', () => {
    expect(splitFen(1001, 3)).toEqual([334, 334, 333]);
    const payments = [
      { dueOn: '2026-01-15', plannedFen: 600, paidFen: 600 },
      { dueOn: '2026-12-15', plannedFen: 401, paidFen: null },
    ];
    expect(budgetExecution(1001, payments, '2026-06-01')).toEqual({
      budgetFen: 1001,
      plannedToDateFen: 600,
      paidFen: 600,
      paidPercent: 59,
    });
    expect(achievementOf([{ kind: 'home_visits', target: 2, actual: 5, percent: 250 }])).toBe(100);
  });
});
