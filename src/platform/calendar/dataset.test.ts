import { describe, expect, it } from 'vitest';
import { chineseDaysDataset, compileDataset, HolidayDatasetError, mergeDatasets } from './dataset.js';
import { fromEpochDay, shanghaiDateOf, toEpochDay, weekdayOfEpochDay } from './iso-date.js';
import { WorkingDayCalendar } from './working-days.js';

describe('chineseDaysDataset', () => {
  it('covers 2004 to 2026 and nothing later (chinese-days 1.5.7)', () => {
    const years = Object.keys(chineseDaysDataset());
    expect(years[0]).toBe('2004');
    expect(years.at(-1)).toBe('2026');
    expect(years).toHaveLength(23);
  });

  it('groups a date moved by the next year’s notice under its own year', () => {
    // The 2012 New Year notice made Saturday 2011-12-31 a working day.
    expect(chineseDaysDataset()['2011']?.workdays).toContain('2011-12-31');
  });
});

describe('compileDataset', () => {
  it('rejects malformed keys, dates and conflicts', () => {
    expect(() => compileDataset({ '27': { holidays: [], workdays: [] } })).toThrow(HolidayDatasetError);
    expect(() => compileDataset({ '2027': { holidays: ['2027-02-30'], workdays: [] } })).toThrow(HolidayDatasetError);
    expect(() => compileDataset({ '2027': { holidays: ['2029-01-01'], workdays: [] } })).toThrow(HolidayDatasetError);
    expect(() =>
      compileDataset({
        '2026': { holidays: [], workdays: ['2026-12-31'] },
        '2027': { holidays: ['2026-12-31'], workdays: [] },
      }),
    ).toThrow(/both a holiday and a working day/);
  });

  it('accepts a December day set by the next year’s notice', () => {
    const compiled = compileDataset({ '2027': { holidays: [], workdays: ['2026-12-26'] } });
    expect(compiled.overrides.get(toEpochDay('2026-12-26'))).toBe(true);
    expect([...compiled.knownYears]).toEqual([2027]);
  });
});

describe('mergeDatasets', () => {
  it('replaces a year as a whole', () => {
    const base = { '2026': { holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] } };
    const corrected = { '2026': { holidays: ['2026-10-01'], workdays: [] } };
    const calendar = WorkingDayCalendar.fromDataset(mergeDatasets(base, corrected));
    expect(calendar.isWorkingDay('2026-10-02').working).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10').working).toBe(false);
  });

  it('extending the shipped calendar keeps the shipped years', () => {
    const calendar = WorkingDayCalendar.withDefaults({ '2027': { holidays: ['2027-01-01'], workdays: [] } });
    expect(calendar.knownYears.at(-1)).toBe(2027);
    expect(calendar.knownYears[0]).toBe(2004);
    expect(calendar.isWorkingDay('2025-10-01').working).toBe(false);
  });
});

describe('iso dates', () => {
  it('round-trips and knows weekdays', () => {
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
    expect(weekdayOfEpochDay(toEpochDay('2025-09-28'))).toBe(0);
    expect(weekdayOfEpochDay(toEpochDay('1969-12-31'))).toBe(3);
    expect(() => toEpochDay('0099-01-01')).toThrow(RangeError);
  });

  it('takes the Asia/Shanghai civil date of an instant', () => {
    expect(shanghaiDateOf(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(shanghaiDateOf(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(() => shanghaiDateOf(new Date('nonsense'))).toThrow(RangeError);
  });
});
