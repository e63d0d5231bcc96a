import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { toEpochDay, yearMonthDayOfEpochDay, type IsoDate } from './iso-date.js';

/**
 * One year's official arrangement: days off (public holidays, including the weekend days inside a
 * holiday block) and 调休 working days (weekend days that are official working days).
 */
export interface HolidayYear {
  readonly holidays: readonly IsoDate[];
  readonly workdays: readonly IsoDate[];
}

/**
 * Arrangements keyed by year (`"2026"`). A year present as a key is a known year, even with empty
 * lists. Its dates may also fall in the previous year, because a New Year notice can move days at
 * the end of December (the 2012 arrangement made Saturday 2011-12-31 a working day).
 */
export type HolidayDataset = Readonly<Record<string, HolidayYear>>;

export class HolidayDatasetError extends Error {
  override readonly name = 'HolidayDatasetError';
}

const YEAR_KEY = /^\d{4}$/;

export interface CompiledDataset {
  readonly knownYears: ReadonlySet<number>;
  /** epoch day → true for an official working day, false for a day off. */
  readonly overrides: ReadonlyMap<number, boolean>;
}

/** Validates a dataset and flattens it; conflicting or malformed entries throw HolidayDatasetError. */
export function compileDataset(dataset: HolidayDataset): CompiledDataset {
  const knownYears = new Set<number>();
  const overrides = new Map<number, boolean>();
  const origin = new Map<number, string>();
  for (const [key, arrangement] of Object.entries(dataset)) {
    if (!YEAR_KEY.test(key)) throw new HolidayDatasetError(`year key must be 4 digits: ${JSON.stringify(key)}`);
    const year = Number(key);
    knownYears.add(year);
    const entries: Array<[readonly IsoDate[], boolean]> = [
      [arrangement.holidays, false],
      [arrangement.workdays, true],
    ];
    for (const [dates, working] of entries) {
      for (const date of dates) {
        const day = parseEntry(date, key);
        const dateYear = yearMonthDayOfEpochDay(day).year;
        if (dateYear !== year && dateYear !== year - 1) {
          throw new HolidayDatasetError(`${date} cannot belong to the ${key} arrangement`);
        }
        const previous = overrides.get(day);
        if (previous !== undefined && previous !== working) {
          throw new HolidayDatasetError(
            `${date} is both a holiday and a working day (arrangements ${origin.get(day) ?? '?'} and ${key})`,
          );
        }
        overrides.set(day, working);
        origin.set(day, key);
      }
    }
  }
  return { knownYears, overrides };
}

function parseEntry(date: IsoDate, key: string): number {
  try {
    return toEpochDay(date);
  } catch (cause) {
    throw new HolidayDatasetError(`arrangement ${key}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Lays `extra` over `base`. A year in `extra` replaces that year of `base` as a whole, because the
 * State Council announces each year's arrangement as one notice, and a corrected notice supersedes
 * the old one entirely.
 */
export function mergeDatasets(base: HolidayDataset, extra: HolidayDataset): HolidayDataset {
  return { ...base, ...extra };
}

interface ChineseDaysJson {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

let cachedDefault: HolidayDataset | undefined;

/**
 * The arrangements shipped in the `chinese-days` package. The package stores a flat list of dates,
 * not the notice each came from, so dates are grouped by their own year here.
 */
export function chineseDaysDataset(): HolidayDataset {
  if (cachedDefault !== undefined) return cachedDefault;
  const source: ChineseDaysJson = chineseDaysData;
  const years = new Map<string, { holidays: IsoDate[]; workdays: IsoDate[] }>();
  const bucket = (date: IsoDate): { holidays: IsoDate[]; workdays: IsoDate[] } => {
    const key = date.slice(0, 4);
    let entry = years.get(key);
    if (entry === undefined) {
      entry = { holidays: [], workdays: [] };
      years.set(key, entry);
    }
    return entry;
  };
  for (const date of Object.keys(source.holidays)) bucket(date).holidays.push(date);
  for (const date of Object.keys(source.workdays)) bucket(date).workdays.push(date);
  const dataset: Record<string, HolidayYear> = {};
  for (const key of [...years.keys()].sort()) {
    const entry = years.get(key);
    if (entry !== undefined) dataset[key] = { holidays: entry.holidays.sort(), workdays: entry.workdays.sort() };
  }
  cachedDefault = Object.freeze(dataset);
  return cachedDefault;
}
