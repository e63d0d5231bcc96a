import type { Rng } from './prng.js';

/*
 * Dates as day numbers with a precomputed ISO table: a million children need tens of millions
 * of random dates, and Date parsing and formatting was most of the generator's time.
 */
const base = Date.UTC(1930, 0, 1) / 86_400_000;
const isoTable: string[] = [];
for (let day = 0; day < 40_000; day += 1) isoTable.push(new Date((base + day) * 86_400_000).toISOString().slice(0, 10));
const dayCache = new Map<string, number>();

export function dayOf(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    day = Date.parse(`${iso}T00:00:00Z`) / 86_400_000 - base;
    if (dayCache.size < 50_000) dayCache.set(iso, day);
  }
  return day;
}

export function isoOf(day: number): string {
  return isoTable[day] ?? new Date((base + day) * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoOf(dayOf(iso) + days);
}

/** A uniform day from `from` to `to`, both included (`to` before `from` gives `from`). */
export function randomDate(rng: Rng, from: string, to: string): string {
  const a = dayOf(from);
  const b = dayOf(to);
  return isoOf(a + Math.floor(rng.next() * (Math.max(a, b) - a + 1)));
}
