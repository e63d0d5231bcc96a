import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  isDivisionCode,
  isWithin,
  levelOf,
  normaliseDivisionCode,
  parentCode,
  subtreePrefix,
} from './places.js';

describe('division codes', () => {
  it('know their level from the trailing zeros', () => {
    expect(levelOf('420000000000')).toBe('province');
    expect(levelOf('421000000000')).toBe('city');
    expect(levelOf('421002000000')).toBe('county');
    expect(levelOf('421002001000')).toBe('township');
    expect(levelOf('421002001001')).toBe('village');
    expect(levelOf('42100200100')).toBeUndefined();
    expect(levelOf('000000000000')).toBeUndefined();
    expect(isDivisionCode('4210020010a1')).toBe(false);
  });

  it('test subtree membership by prefix', () => {
    expect(isWithin('421002001001', '421000000000')).toBe(true);
    expect(isWithin('421002001001', '421003000000')).toBe(false);
    expect(isWithin('421000000000', '421002000000')).toBe(false);
    expect(subtreePrefix('421002001000')).toBe('421002001');
  });

  it('list ancestors from the province down', () => {
    expect(ancestorCodes('421002001001')).toEqual(['420000000000', '421000000000', '421002000000', '421002001000']);
    expect(parentCode('420000000000')).toBeUndefined();
  });

  it('normalise short forms and refuse malformed input', () => {
    expect(normaliseDivisionCode('4210')).toBe('421000000000');
    expect(normaliseDivisionCode('421002')).toBe('421002000000');
    expect(normaliseDivisionCode('42100')).toBeUndefined();
    expect(normaliseDivisionCode('abc')).toBeUndefined();
  });

  it('place every code inside each of its ancestors (property)', () => {
    const village = fc
      .tuple(
        fc.integer({ min: 11, max: 65 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
      )
      .map(
        ([p, c, k, t, v]) =>
          `${p}${String(c).padStart(2, '0')}${String(k).padStart(2, '0')}${String(t).padStart(3, '0')}${String(v).padStart(3, '0')}`,
      );
    fc.assert(
      fc.property(village, (code) => {
        expect(levelOf(code)).toBe('village');
        for (const ancestor of ancestorCodes(code)) expect(isWithin(code, ancestor)).toBe(true);
      }),
    );
  });
});
