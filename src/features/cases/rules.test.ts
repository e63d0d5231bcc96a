import { describe, expect, it } from 'vitest';
import { riskGrade } from './risk.js';
import {
  actionTable,
  allowedActions,
  applyAction,
  caseStatuses,
  foldActions,
  formatCaseNumber,
  isAllowed,
  userActionTypes,
} from './rules.js';

const rules = {
  weights: {
    safety: 2,
    guardianship_capacity: 2,
    physical_health: 1,
    mental_health: 1,
    education: 1,
    living_conditions: 1,
  },
  cutOffs: { medium_low: 6, medium_high: 12, high: 20 },
  severeSectionGrade: 'medium_high' as const,
  visitEveryDays: { low: 30, medium_low: 30, medium_high: 15, high: 7 },
  reviewAfterDays: { low: 365, medium_low: 180, medium_high: 90, high: 30 },
};
const everything = () => true;

describe('case status as a fold over the action log', () => {
  it('follows the four steps to closure', () => {
    const state = foldActions(
      [
        'open',
        'acknowledge',
        'emergency_response',
        'assessment',
        'assistance_plan',
        'guardianship_intervention',
        'start_monitoring',
        'request_closure',
        'approve_closure',
      ].map((type) => ({ type: type as never, actorUserId: type === 'approve_closure' ? 'b' : 'a' })),
    );
    expect(state).toMatchObject({ status: 'closed', seq: 9 });
  });

  it('refuses an action the status does not allow, and the table names what is allowed', () => {
    const opened = foldActions([{ type: 'open' }]);
    expect(() => applyAction(opened, { type: 'approve_closure' })).toThrow();
    expect(allowedActions(opened, everything, 'a')).toEqual(['acknowledge', 'emergency_response', 'add_participant']);
    expect(
      allowedActions(
        foldActions([
          { type: 'open' },
          { type: 'acknowledge' },
          { type: 'assessment' },
          { type: 'request_closure' },
          { type: 'approve_closure' },
        ]),
        everything,
        'a',
      ),
    ).toEqual(['reopen']);
  });

  it('a rejected closure returns to where the case was', () => {
    const state = foldActions([
      { type: 'open' },
      { type: 'acknowledge' },
      { type: 'assessment' },
      { type: 'assistance_plan' },
      { type: 'request_closure' },
      { type: 'reject_closure' },
    ]);
    expect(state.status).toBe('assistance');
  });

  it('the requester of a closure is not offered its approval; permissions narrow the actions', () => {
    const requested = foldActions([
      { type: 'open' },
      { type: 'acknowledge' },
      { type: 'assessment' },
      { type: 'request_closure', actorUserId: 'u1' },
    ]);
    expect(allowedActions(requested, everything, 'u1')).toEqual(['reject_closure']);
    expect(allowedActions(requested, everything, 'u2')).toEqual(['approve_closure', 'reject_closure']);
    expect(allowedActions(requested, (p) => p === 'cases.act', 'u2')).toEqual([]);
  });

  it('every status but closure-requested and closed can still take an emergency response; closed allows only reopen', () => {
    for (const status of caseStatuses) {
      const allowed = userActionTypes.filter((type) => isAllowed(status, type));
      if (status === 'closed') expect(allowed).toEqual(['reopen']);
      else if (status === 'closure_requested') expect(allowed).toEqual(['approve_closure', 'reject_closure']);
      else expect(allowed).toContain('emergency_response');
    }
    expect(actionTable.approve_closure.permission).toBe('cases.approve');
  });
});

describe('case number', () => {
  it('is the year and a six-digit serial', () => {
    expect(formatCaseNumber(2026, 12)).toBe('C-2026-000012');
  });
});

describe('risk grade', () => {
  const calm = {
    safety: 0,
    guardianship_capacity: 0,
    physical_health: 0,
    mental_health: 0,
    education: 0,
    living_conditions: 0,
  };
  it('maps weighted scores through the cut-offs', () => {
    expect(riskGrade(calm, [], rules).grade).toBe('low');
    expect(riskGrade({ ...calm, safety: 2, guardianship_capacity: 1 }, [], rules).grade).toBe('medium_low');
    expect(riskGrade({ ...calm, safety: 3, guardianship_capacity: 3 }, [], rules).grade).toBe('medium_high');
    expect(
      riskGrade(
        {
          safety: 4,
          guardianship_capacity: 3,
          physical_health: 2,
          mental_health: 2,
          education: 1,
          living_conditions: 2,
        },
        [],
        rules,
      ).grade,
    ).toBe('high');
  });
  it('one severe section lifts the grade; an emergency override skips scoring', () => {
    expect(riskGrade({ ...calm, education: 4 }, [], rules).grade).toBe('medium_high');
    expect(riskGrade(calm, ['trafficked'], rules)).toMatchObject({ grade: 'high', overridden: true });
  });
});
