import { shanghaiDateOf } from '../../platform/calendar/index.js';

/** A month as YYYY-MM, in China time (the months of a monthly report). */
export type YearMonth = string;

export function monthOf(at: Date): YearMonth {
  return shanghaiDateOf(at).slice(0, 7);
}

export function addMonths(month: YearMonth, n: number): YearMonth {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first instant of a month in China time. */
export function monthStart(month: YearMonth): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

/** The twelve months ending with `last`, oldest first. */
export function twelveMonths(last: YearMonth): YearMonth[] {
  return Array.from({ length: 12 }, (_, index) => addMonths(last, index - 11));
}

/**
 * The moment a month's snapshot describes: its end, or `asOf` while the month is still running.
 * `final` says the month is over, so its snapshot will not change again.
 */
export function snapshotMoment(month: YearMonth, asOf: Date): { at: Date; final: boolean } {
  const end = monthStart(addMonths(month, 1));
  return asOf.getTime() >= end.getTime() ? { at: end, final: true } : { at: asOf, final: false };
}

/** A rate as a whole percentage (or per `scale`), or null when there is nothing to divide by. */
export function rateOf(of: number, over: number, scale = 100): number | null {
  if (over <= 0) return null;
  return Math.round((of * scale * 10) / over) / 10;
}
