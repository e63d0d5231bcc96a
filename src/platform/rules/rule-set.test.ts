import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveRuleSet, ruleDocumentProblems, ruleSection, type StoredRuleSet } from './rule-set.js';

const clocks = ruleSection(
  'test-clocks',
  z.object({
    acknowledgeMinutes: z.number().int().positive().default(60),
    recipients: z.array(z.string()).default(['police']),
  }),
);

const rows: StoredRuleSet[] = [
  {
    scopeCode: '000000000000',
    version: 1,
    validFrom: '2024-01-01',
    rules: { 'test-clocks': { acknowledgeMinutes: 90 } },
  },
  {
    scopeCode: '000000000000',
    version: 2,
    validFrom: '2027-01-01',
    rules: { 'test-clocks': { acknowledgeMinutes: 30 } },
  },
  {
    scopeCode: '421000000000',
    version: 1,
    validFrom: '2025-06-01',
    rules: { 'test-clocks': { recipients: ['police', 'civil_affairs'] } },
  },
  {
    scopeCode: '421022000000',
    version: 1,
    validFrom: '2025-06-01',
    rules: { 'test-clocks': { acknowledgeMinutes: 45 } },
  },
];

describe('rule sets', () => {
  it('use the built-in defaults where nothing is stored', () => {
    const set = resolveRuleSet([], '421002101201', '2026-11-28');
    expect(set.version).toBe('default');
    expect(set.get(clocks)).toEqual({ acknowledgeMinutes: 60, recipients: ['police'] });
  });

  it('override general to specific, each scope at its newest version valid on the date', () => {
    const shashi = resolveRuleSet(rows, '421002101201', '2026-11-28');
    expect(shashi.get(clocks)).toEqual({ acknowledgeMinutes: 90, recipients: ['police', 'civil_affairs'] });
    expect(shashi.version).toBe('000000000000@1+421000000000@1');

    const gongan = resolveRuleSet(rows, '421022100201', '2026-11-28');
    expect(gongan.get(clocks).acknowledgeMinutes).toBe(45);

    expect(resolveRuleSet(rows, '421002101201', '2027-02-01').get(clocks).acknowledgeMinutes).toBe(30);
    expect(resolveRuleSet(rows, '420100000000', '2025-07-01').get(clocks).recipients).toEqual(['police']);
  });

  it('name each problem of a document before it is stored', () => {
    expect(
      ruleDocumentProblems({ 'test-clocks': { acknowledgeMinutes: -5 }, nonsense: {} }).map((p) => p.path),
    ).toEqual(['test-clocks.acknowledgeMinutes', 'nonsense']);
  });
});
