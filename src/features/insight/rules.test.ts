import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childCodePattern,
  divisionAtLevel,
  isSmallCount,
  levelBelow,
  suppressSmallCells,
  withinJurisdiction,
} from './rules.js';

const counts = (values: number[]) => values.map((count, key) => ({ key, count }));
const shown = (values: number[]) => suppressSmallCells(counts(values)).cells.map((cell) => cell.count);

describe('small-cell suppression', () => {
  it('publishes zeros and counts of five or more', () => {
    expect(suppressSmallCells(counts([0, 5, 12]))).toEqual({
      cells: [
        { key: 0, count: 0, suppressed: false },
        { key: 1, count: 5, suppressed: false },
        { key: 2, count: 12, suppressed: false },
      ],
      total: 17,
      totalSuppressed: false,
    });
  });

  it('hides a lone small cell together with the smallest publishable one', () => {
    expect(shown([3, 40, 6, 0])).toEqual([null, 40, null, 0]);
    expect(suppressSmallCells(counts([3, 40, 6, 0])).total).toBe(49);
  });

  it('needs no complement when two or more cells are small', () => {
    expect(shown([1, 2, 30])).toEqual([null, null, 30]);
    expect(suppressSmallCells(counts([1, 2, 30])).total).toBe(33);
  });

  it('withholds the total when a lone small cell has no complement', () => {
    expect(suppressSmallCells(counts([3, 0, 0]))).toMatchObject({ total: null, totalSuppressed: true });
  });

  it('withholds a small total', () => {
    expect(suppressSmallCells(counts([2, 2]))).toMatchObject({ total: null, totalSuppressed: true });
    expect(suppressSmallCells(counts([0, 0]))).toMatchObject({ total: 0, totalSuppressed: false });
    expect(suppressSmallCells(counts([]))).toMatchObject({ cells: [], total: 0 });
  });

  it('never publishes 1–4 and never leaves a lone hidden cell recoverable from the total', () => {
    const cell = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 10_000 }));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (values) => {
        const group = suppressSmallCells(counts(values));
        const hidden = group.cells.filter((c) => c.suppressed);
        for (const [index, published] of group.cells.entries()) {
          if (published.count !== null) {
            expect(isSmallCount(published.count)).toBe(false);
            expect(published.count).toBe(values[index]);
          } else expect(published.suppressed).toBe(true);
          if (isSmallCount(values[index] ?? 0)) expect(published.suppressed).toBe(true);
        }
        expect(hidden.length !== 1 || group.total === null).toBe(true);
        if (group.total !== null) {
          expect(isSmallCount(group.total)).toBe(false);
          expect(group.total).toBe(values.reduce((a, b) => a + b, 0));
        }
        expect(group.totalSuppressed).toBe(group.total === null);
      }),
      { numRuns: 500 },
    );
  });
});

describe('division levels', () => {
  it('steps one level down', () => {
    expect(levelBelow('420000000000')).toBe('city');
    expect(levelBelow('421000000000')).toBe('county');
    expect(levelBelow('421002000000')).toBe('township');
    expect(levelBelow('421002001000')).toBe('village');
    expect(levelBelow('421002001001')).toBeUndefined();
  });

  it('names the division a residence lies in', () => {
    expect(divisionAtLevel('421002001203', 'county')).toBe('421002000000');
    expect(divisionAtLevel('421002001203', 'township')).toBe('421002001000');
  });

  it('matches exactly the divisions one level down', () => {
    const counties = new RegExp(childCodePattern('421000000000', 'county'));
    expect(counties.test('421002000000')).toBe(true);
    expect(counties.test('421000000000')).toBe(false);
    expect(counties.test('421002001000')).toBe(false);
    expect(counties.test('420100000000')).toBe(false);
    const villages = new RegExp(childCodePattern('421002001000', 'village'));
    expect(villages.test('421002001203')).toBe(true);
    expect(villages.test('421002001000')).toBe(false);
  });

  it('checks a division against a jurisdiction', () => {
    expect(withinJurisdiction(['421000000000'], '421002001000')).toBe(true);
    expect(withinJurisdiction(['421000000000'], '420100000000')).toBe(false);
    expect(withinJurisdiction(['421002000000'], '421000000000')).toBe(false);
    expect(withinJurisdiction([], '421000000000')).toBe(false);
    expect(withinJurisdiction(['not-a-code'], '421000000000')).toBe(false);
  });
});
