import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '../../contract/audit/audit.js';
import {
  cellCharacterLimit,
  escapeCell,
  escapeLike,
  fitCell,
  lowerBound,
  parseActionFilter,
  rangeIsEmpty,
  upperBound,
} from './rules.js';

describe('cell escaping', () => {
  it('prefixes an apostrophe to text a spreadsheet would evaluate', () => {
    for (const text of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(escapeCell(text)).toBe(`'${text}`);
  });

  it('leaves other text alone', () => {
    for (const text of ['张伟 (沙市区民政局)', 'auth.sign_in', '{"a":"=1"}', '', "'quoted"])
      expect(escapeCell(text)).toBe(text);
  });

  it('cuts text that would not fit in one cell', () => {
    const long = 'x'.repeat(cellCharacterLimit + 10);
    expect(fitCell(long)).toHaveLength(cellCharacterLimit + 1);
    expect(fitCell('=x')).toBe("'=x");
  });
});

describe('action filters', () => {
  it('reads a trailing dot or star as a prefix', () => {
    expect(parseActionFilter('auth.')).toEqual({ kind: 'prefix', prefix: 'auth.' });
    expect(parseActionFilter('auth.*')).toEqual({ kind: 'prefix', prefix: 'auth.' });
    expect(parseActionFilter('auth.sign_in')).toEqual({ kind: 'exact', action: 'auth.sign_in' });
  });

  it('escapes LIKE wildcards in user text', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});

describe('time bounds', () => {
  it('reads a bare date as a whole day in China Standard Time', () => {
    expect(lowerBound('2025-03-01').toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(upperBound('2025-03-31')).toEqual({ at: new Date('2025-03-31T16:00:00.000Z'), inclusive: false });
  });

  it('keeps an instant as given, inclusive', () => {
    expect(upperBound('2025-03-01T10:00:00+08:00')).toEqual({
      at: new Date('2025-03-01T02:00:00.000Z'),
      inclusive: true,
    });
  });

  it('finds an empty range', () => {
    expect(rangeIsEmpty('2025-03-01', '2025-03-01')).toBe(false);
    expect(rangeIsEmpty('2025-03-02', '2025-03-01')).toBe(true);
    expect(rangeIsEmpty('2025-03-01T10:00:00Z', '2025-03-01T10:00:00Z')).toBe(false);
    expect(rangeIsEmpty('2025-03-01T10:00:01Z', '2025-03-01T10:00:00Z')).toBe(true);
  });

  it('refuses a reversed range with a message key', () => {
    const result = auditFilterSchema.safeParse({ from: '2025-03-02', to: '2025-03-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('audit.range_invalid');
    expect(auditFilterSchema.safeParse({ from: 'yesterday' }).error?.issues[0]?.message).toBe('audit.instant_invalid');
  });
});
