import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDaysDataset } from './dataset.js';
import { fromEpochDay, toEpochDay } from './iso-date.js';
import { shippedCalendar, WorkingDayCalendar } from './working-days.js';

const calendar = shippedCalendar();

function working(date: string): boolean {
  return calendar.isWorkingDay(date).working;
}

describe('National Day week 2025', () => {
  it('treats 1–8 October as days off and the two 调休 weekend days as working days', () => {
    for (let d = 1; d <= 8; d += 1) {
      expect(working(`2025-10-0${d}`), `2025-10-0${d}`).toBe(false);
    }
    expect(working('2025-09-28')).toBe(true); // Sunday
    expect(working('2025-10-11')).toBe(true); // Saturday
    expect(working('2025-10-12')).toBe(false); // ordinary Sunday
    expect(working('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-01').provisional).toBe(false);
  });

  it('counts a 15-working-day deadline across the holiday', () => {
    // Working days after Fri 26 Sep: Sun 28, Mon 29, Tue 30 Sep, then Thu 9, Fri 10, Sat 11 Oct,
    // then 13–17 and 20–23 Oct: the 15th is Thu 23 Oct.
    expect(calendar.addWorkingDays('2025-09-26', 15)).toEqual({ date: '2025-10-23', provisional: false });
    expect(calendar.addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
    expect(calendar.addWorkingDays('2025-10-10', 1)).toEqual({ date: '2025-10-11', provisional: false });
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-08')).toEqual({ days: 0, provisional: false });
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-23').days).toBe(15);
    expect(calendar.workingDaysBetween('2025-10-23', '2025-09-26').days).toBe(-15);
  });
});

describe('Spring Festival 2026, as shipped in chinese-days', () => {
  it('has the arrangement the package states', () => {
    const year = chineseDaysDataset()['2026'];
    const springFestival = year?.holidays.filter((d) => d.startsWith('2026-02')) ?? [];
    expect(springFestival).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(year?.workdays.filter((d) => d.startsWith('2026-02'))).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('computes working days over it', () => {
    for (let d = 15; d <= 23; d += 1) expect(working(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(working('2026-02-14')).toBe(true); // Saturday
    expect(working('2026-02-28')).toBe(true); // Saturday
    expect(working('2026-02-13')).toBe(true);
    expect(working('2026-02-24')).toBe(true);
    // After Fri 13 Feb: Sat 14, then Tue 24 Feb.
    expect(calendar.addWorkingDays('2026-02-13', 2)).toEqual({ date: '2026-02-24', provisional: false });
    // Sat 14, 24–27 Feb, Sat 28, 2–6 Mar, 9–12 Mar: the 15th is Thu 12 Mar.
    expect(calendar.addWorkingDays('2026-02-13', 15).date).toBe('2026-03-12');
  });
});

describe('years without data', () => {
  it('marks a deadline spanning into 2027 provisional and computes it on weekends alone', () => {
    expect(calendar.knownYears).not.toContain(2027);
    // Mon 21 Dec 2026 + 10: 22–25 and 28–31 Dec, then Fri 1 Jan 2027 counted as a working day
    // because no holiday is known yet, then Mon 4 Jan.
    const due = calendar.addWorkingDays('2026-12-21', 10);
    expect(due).toEqual({ date: '2027-01-04', provisional: true });
    expect(calendar.isWorkingDay('2027-01-01')).toEqual({ working: true, provisional: true });
    expect(calendar.workingDaysBetween('2026-12-21', '2027-01-04')).toEqual({ days: 10, provisional: true });
  });

  it('keeps the end of the last known December provisional, since the next notice may move it', () => {
    expect(calendar.isWorkingDay('2026-12-24').provisional).toBe(false);
    expect(calendar.isWorkingDay('2026-12-28').provisional).toBe(true);
    expect(calendar.isWorkingDay('2025-12-28').provisional).toBe(false);
    expect(calendar.addWorkingDays('2026-12-14', 5)).toEqual({ date: '2026-12-21', provisional: false });
  });

  it('before the first known year is provisional too', () => {
    expect(calendar.isWorkingDay('2003-10-01')).toEqual({ working: true, provisional: true });
  });

  it('recomputes once an administrator loads the new year', () => {
    // A made-up arrangement for the test, not the real 2027 notice.
    const loaded = calendar.extendedWith({
      '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    });
    expect(loaded.isWorkingDay('2027-01-01')).toEqual({ working: false, provisional: false });
    expect(loaded.addWorkingDays('2026-12-21', 10)).toEqual({ date: '2027-01-05', provisional: false });
    expect(loaded.isWorkingDay('2026-12-28').provisional).toBe(false);
    expect(calendar.addWorkingDays('2026-12-21', 10).date).toBe('2027-01-04');
  });
});

describe('dataset agrees with the chinese-days package', () => {
  it('classifies every day of 2004–2026 the same way as the package itself', async () => {
    const { default: chineseDays } = await import('chinese-days');
    const mismatches: string[] = [];
    for (let day = toEpochDay('2004-01-01'); day <= toEpochDay('2026-12-31'); day += 1) {
      const date = fromEpochDay(day);
      if (chineseDays.isWorkday(date) !== working(date)) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('properties', () => {
  const dates = fc.integer({ min: toEpochDay('2002-01-01'), max: toEpochDay('2029-12-31') }).map(fromEpochDay);

  it('addWorkingDays lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 400 }), (start, n) => {
        const due = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(due.date).working).toBe(true);
        const between = calendar.workingDaysBetween(start, due.date);
        expect(between.days).toBe(n);
        expect(between.provisional).toBe(due.provisional);
      }),
    );
  });

  it('never answers minus zero', () => {
    expect(Object.is(calendar.workingDaysBetween('2025-10-08', '2025-10-01').days, 0)).toBe(true);
  });

  it('n = 0 is the start day and counts zero', () => {
    fc.assert(
      fc.property(dates, (start) => {
        expect(calendar.addWorkingDays(start, 0).date).toBe(start);
        expect(calendar.workingDaysBetween(start, start).days).toBe(0);
      }),
    );
  });

  it('workingDaysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(dates, dates, dates, (a, b, c) => {
        const ab = calendar.workingDaysBetween(a, b).days;
        const bc = calendar.workingDaysBetween(b, c).days;
        expect(calendar.workingDaysBetween(a, c).days).toBe(ab + bc);
        expect(calendar.workingDaysBetween(b, a).days).toBe(0 - ab);
      }),
      { numRuns: 50 },
    );
  });
});

describe('input checks', () => {
  it('rejects bad dates and counts', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-1-5')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-01-05', 1.5)).toThrow(RangeError);
  });

  it('builds a calendar from a dataset alone', () => {
    const bare = WorkingDayCalendar.fromDataset({});
    expect(bare.isWorkingDay('2025-10-01')).toEqual({ working: true, provisional: true });
  });
});
