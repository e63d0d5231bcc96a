import { describe, expect, it } from 'vitest';
import {
  actionsOfStatus,
  allowedActions,
  applyEntry,
  defineStatusTable,
  foldLog,
  initialState,
  isAllowed,
  refusedByFourEyes,
} from './rules.js';
import { requestTable as table } from './test-workflow.js';

const everything = { can: () => true, accountableUserId: 'u2' };

describe('a workflow status is a fold over its log', () => {
  it('folds the log: status, version and where each step led', () => {
    const state = foldLog(table, [{ type: 'create' }, { type: 'note' }, { type: 'submit', by: 'u1' }]);
    expect(state).toMatchObject({ status: 'submitted', seq: 3, previous: 'draft', lastBy: { submit: 'u1' } });
    expect(foldLog(table, [])).toEqual(initialState(table));
  });

  it('a start action begins the log once; an entry the status does not allow is never folded', () => {
    const created = foldLog(table, [{ type: 'create' }]);
    expect(() => applyEntry(table, created, { type: 'create' })).toThrow(/once/);
    expect(() => applyEntry(table, created, { type: 'approve' })).toThrow(/not allowed in draft/);
    expect(isAllowed(table, created, 'create')).toBe(false);
    expect(isAllowed(table, initialState(table), 'create')).toBe(true);
  });

  it('"back" returns to the status before the last change', () => {
    const sentBack = foldLog(table, [{ type: 'create' }, { type: 'submit' }, { type: 'send_back' }]);
    expect(sentBack.status).toBe('draft');
    expect(applyEntry(table, { ...sentBack, status: 'submitted', previous: null }, { type: 'send_back' }).status).toBe(
      'draft',
    );
  });
});

describe('the fold in place (issue 21: no copy per entry)', () => {
  it('is the step-by-step fold: same status, version, previous status and who last took each action', () => {
    const logs = [
      [{ type: 'create', by: 'u1' }, { type: 'note', by: 'u2' }, { type: 'submit', by: 'u1' }, { type: 'send_back' }],
      [{ type: 'create' }, { type: 'submit', by: 'u3' }, { type: 'send_back', by: 'u2' }, { type: 'submit', by: 'u3' }],
      [
        { type: 'create', by: 'u1' },
        { type: 'note', by: null },
        { type: 'note', by: 'u4' },
      ],
    ] as const;
    for (const log of logs) {
      const stepwise = log.reduce((state, entry) => applyEntry(table, state, entry), initialState(table));
      expect(foldLog(table, log)).toEqual(stepwise);
    }
    // The initial state is never written through.
    expect(initialState(table).lastBy).toEqual({});
  });

  it('still refuses an entry the status does not allow, wherever it is in the log', () => {
    expect(() => foldLog(table, [{ type: 'create' }, { type: 'approve' }])).toThrow(/not allowed in draft/);
    expect(() => foldLog(table, [{ type: 'create' }, { type: 'create' }])).toThrow(/once/);
  });
});

describe('what an asker may do next', () => {
  const submitted = foldLog(table, [{ type: 'create' }, { type: 'submit', by: 'u1' }]);

  it('status, permission and four eyes all narrow the list; system actions are never offered', () => {
    expect(allowedActions(table, submitted, everything)).toEqual(['note', 'approve', 'send_back', 'withdraw']);
    expect(allowedActions(table, submitted, { can: (p) => p === 'requests.write', accountableUserId: 'u2' })).toEqual([
      'note',
      'withdraw',
    ]);
    expect(allowedActions(table, submitted, { ...everything, accountableUserId: 'u1' })).toEqual([
      'note',
      'send_back',
      'withdraw',
    ]);
  });

  it('four eyes compare the accountable human; an unknown submitter (the system) refuses no one', () => {
    expect(refusedByFourEyes(table, submitted, 'approve', 'u1')).toBe(true);
    expect(refusedByFourEyes(table, submitted, 'approve', 'u2')).toBe(false);
    expect(refusedByFourEyes(table, submitted, 'send_back', 'u1')).toBe(false);
    const bySystem = foldLog(table, [{ type: 'create' }, { type: 'submit', by: null }]);
    expect(refusedByFourEyes(table, bySystem, 'approve', null)).toBe(false);
  });

  it('a 409 names every action a person could take in the status, system ones left out', () => {
    expect(actionsOfStatus(table, 'submitted')).toEqual(['note', 'approve', 'send_back', 'withdraw']);
    expect(actionsOfStatus(table, 'approved')).toEqual([]);
  });
});

describe('a status table is checked where it is declared', () => {
  it('refuses an unknown status and four eyes over an unknown action', () => {
    expect(() =>
      defineStatusTable({
        statuses: ['a'],
        initial: 'a',
        actions: { go: { from: ['a'], to: 'b' as 'a', permission: 'p' } },
      }),
    ).toThrow(/unknown status b/);
    expect(() =>
      defineStatusTable({
        statuses: ['a'],
        initial: 'a',
        actions: { go: { from: ['a'], to: 'a', permission: 'p', fourEyes: { of: 'nope' as 'go', refusal: 'x' } } },
      }),
    ).toThrow(/unknown action nope/);
  });
});
