import { describe, expect, it } from 'vitest';
import { actionsOfStatus, applyEntry, foldLog } from '../../core/workflow/rules.js';
import { recommendationActionsFor, recommendationStatusTable as table, replyDueDate } from './rules.js';

const everyone = { can: () => true, accountableUserId: 'u1' };
const issuer = { issuer: true, addressee: false };
const addressee = { issuer: false, addressee: true };

describe('the recommendation status table', () => {
  it('issued → replied → closed; a returned reply is due again; withdrawal ends it', () => {
    expect(foldLog(table, [{ type: 'issue' }]).status).toBe('issued');
    expect(foldLog(table, [{ type: 'issue' }, { type: 'reply' }, { type: 'accept' }]).status).toBe('closed');
    expect(foldLog(table, [{ type: 'issue' }, { type: 'reply' }, { type: 'return' }]).status).toBe('issued');
    expect(foldLog(table, [{ type: 'issue' }, { type: 'reply' }, { type: 'withdraw' }]).status).toBe('withdrawn');
    expect(
      foldLog(table, [{ type: 'issue' }, { type: 'reply' }, { type: 'accept' }, { type: 'note_litigation' }]).status,
    ).toBe('closed');
  });

  it('a reply is accepted once, and nothing follows a withdrawal', () => {
    const closed = foldLog(table, [{ type: 'issue' }, { type: 'reply' }, { type: 'accept' }]);
    expect(() => applyEntry(table, closed, { type: 'accept' })).toThrow(/not allowed in closed/);
    expect(actionsOfStatus(table, 'withdrawn')).toEqual([]);
    expect(actionsOfStatus(table, 'issued')).toEqual(['reply', 'withdraw', 'note_litigation']);
    expect(actionsOfStatus(table, 'replied')).toEqual(['accept', 'return', 'withdraw', 'note_litigation']);
  });

  it('the addressee replies, the issuer reviews; neither does the other’s part; no permission, nothing', () => {
    const issued = foldLog(table, [{ type: 'issue' }]);
    expect(recommendationActionsFor(issued, everyone, addressee)).toEqual(['reply']);
    expect(recommendationActionsFor(issued, everyone, issuer)).toEqual(['withdraw', 'note_litigation']);
    expect(recommendationActionsFor(issued, everyone, { issuer: false, addressee: false })).toEqual([]);
    const replied = foldLog(table, [{ type: 'issue' }, { type: 'reply' }]);
    expect(recommendationActionsFor(replied, everyone, addressee)).toEqual([]);
    expect(recommendationActionsFor(replied, { can: () => false, accountableUserId: 'u1' }, issuer)).toEqual([]);
  });
});

describe('the reply is due a calendar month later', () => {
  it('on the same day of the next month, or its last day', () => {
    expect(replyDueDate('2026-03-02', 1)).toBe('2026-04-02');
    expect(replyDueDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(replyDueDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(replyDueDate('2026-12-15', 1)).toBe('2027-01-15');
    expect(replyDueDate('2026-05-31', 1)).toBe('2026-06-30');
  });
});
