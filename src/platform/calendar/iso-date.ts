/** A civil date in China, `YYYY-MM-DD`. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws RangeError on anything that is not a real calendar date. */
export function toEpochDay(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC silently rolls 2025-02-30 over to March and maps years 0–99 to 1900–1999.
  if (new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a valid calendar date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekendEpochDay(day: number): boolean {
  const weekday = weekdayOfEpochDay(day);
  return weekday === 0 || weekday === 6;
}

export function yearMonthDayOfEpochDay(day: number): { year: number; month: number; dayOfMonth: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The civil date in Asia/Shanghai at an instant. A fixed UTC+8 offset is exact here: China has
 * observed no daylight saving time since 1991, and a fixed offset keeps this pure and ICU-free.
 */
export function shanghaiDateOf(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
