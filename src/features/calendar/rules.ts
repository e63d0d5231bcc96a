import type { z } from 'zod';
import type { CalendarYearInput, calendarProblemSchema } from '../../contract/calendar/calendar.js';

export type CalendarProblem = z.infer<typeof calendarProblemSchema>;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayOfWeek(date: string): number | null {
  const match = isoDate.exec(date);
  if (!match) return null;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (utc.toISOString().slice(0, 10) !== date) return null;
  return utc.getUTCDay();
}

/**
 * What is wrong with a year's arrangement, each problem with its date and where it is: a date
 * listed twice, a day both off and working, a date outside the year (a working day may fall at the
 * end of the previous December, as the 2012 notice did), a "working weekend" that is not a weekend.
 */
export function arrangementProblems(year: number, input: CalendarYearInput): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const seen = new Map<string, string>();
  const lists = [
    ['holidays', input.holidays],
    ['workdays', input.workdays],
  ] as const;
  for (const [list, dates] of lists) {
    for (const [index, date] of dates.entries()) {
      const path = `body.${list}.${index}`;
      const weekday = dayOfWeek(date);
      if (weekday === null) {
        problems.push({ path, code: 'invalid_date', date });
        continue;
      }
      const dateYear = Number(date.slice(0, 4));
      const lateDecember = dateYear === year - 1 && date.slice(5) >= '12-25';
      if (dateYear !== year && !lateDecember) problems.push({ path, code: 'outside_year', date });
      if (list === 'workdays' && weekday !== 0 && weekday !== 6)
        problems.push({ path, code: 'workday_not_weekend', date });
      const earlier = seen.get(date);
      if (earlier === list) problems.push({ path, code: 'duplicate', date });
      else if (earlier !== undefined) problems.push({ path, code: 'contradiction', date });
      seen.set(date, list);
    }
  }
  return problems;
}

/**
 * Reads a file an administrator loads: JSON `{ "holidays": [...], "workdays": [...] }`, or lines
 * `date,kind` where kind is holiday/休/off or workday/班/work (a header line and # comments are
 * skipped). Returns null when it is neither.
 */
export function parseArrangementFile(text: string): CalendarYearInput | null {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { holidays?: unknown; workdays?: unknown; note?: unknown };
      const strings = (value: unknown) =>
        Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
      const holidays = strings(parsed.holidays ?? []);
      const workdays = strings(parsed.workdays ?? []);
      if (!holidays || !workdays) return null;
      return { holidays, workdays, ...(typeof parsed.note === 'string' ? { note: parsed.note } : {}) };
    } catch {
      return null;
    }
  }
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (const raw of trimmed.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [date, kind] = line.split(/[,\t;，]\s*/).map((cell) => cell.trim());
    if (!date || !/^\d/.test(date)) continue;
    const k = (kind ?? '').toLowerCase();
    if (['holiday', '休', 'off', '假'].includes(k)) holidays.push(date);
    else if (['workday', '班', 'work'].includes(k)) workdays.push(date);
    else return null;
  }
  return { holidays, workdays };
}
