import { describe, expect, it } from 'vitest';
import { actionsOfStatus, applyEntry, foldLog } from '../../core/workflow/rules.js';
import { referralActionsFor, referralStatusTable as table } from './rules.js';

const everyone = { can: () => true, accountableUserId: 'u1' };
const receiver = { sender: false, receiver: true };
const sender = { sender: true, receiver: false };

describe('the referral status table', () => {
  it('requested → accepted → in progress → completed; declined and withdrawn end it', () => {
    expect(foldLog(table, [{ type: 'request' }]).status).toBe('requested');
    expect(
      foldLog(table, [{ type: 'request' }, { type: 'accept' }, { type: 'start' }, { type: 'complete' }]).status,
    ).toBe('completed');
    expect(foldLog(table, [{ type: 'request' }, { type: 'accept' }, { type: 'complete' }]).status).toBe('completed');
    expect(foldLog(table, [{ type: 'request' }, { type: 'decline' }]).status).toBe('declined');
    expect(foldLog(table, [{ type: 'request' }, { type: 'accept' }, { type: 'withdraw' }]).status).toBe('withdrawn');
  });

  it('nothing follows an end, and a referral is accepted once', () => {
    for (const end of ['declined', 'completed', 'withdrawn'] as const) expect(actionsOfStatus(table, end)).toEqual([]);
    const accepted = foldLog(table, [{ type: 'request' }, { type: 'accept' }]);
    expect(() => applyEntry(table, accepted, { type: 'accept' })).toThrow(/not allowed in accepted/);
    const withdrawn = foldLog(table, [{ type: 'request' }, { type: 'withdraw' }]);
    expect(() => applyEntry(table, withdrawn, { type: 'accept' })).toThrow(/not allowed in withdrawn/);
    expect(actionsOfStatus(table, 'requested')).toEqual(['accept', 'decline', 'withdraw']);
  });

  it('the receiver answers and delivers, the sender withdraws; without the permission, nothing', () => {
    const requested = foldLog(table, [{ type: 'request' }]);
    expect(referralActionsFor(requested, everyone, receiver)).toEqual(['accept', 'decline']);
    expect(referralActionsFor(requested, everyone, sender)).toEqual(['withdraw']);
    expect(referralActionsFor(requested, everyone, { sender: false, receiver: false })).toEqual([]);
    const accepted = foldLog(table, [{ type: 'request' }, { type: 'accept' }]);
    expect(referralActionsFor(accepted, everyone, receiver)).toEqual(['start', 'complete']);
    expect(referralActionsFor(accepted, { can: () => false, accountableUserId: 'u1' }, receiver)).toEqual([]);
  });
});
