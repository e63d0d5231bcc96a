import {
  chineseDaysDataset,
  compileDataset,
  mergeDatasets,
  type CompiledDataset,
  type HolidayDataset,
} from './dataset.js';
import { fromEpochDay, isWeekendEpochDay, toEpochDay, yearMonthDayOfEpochDay, type IsoDate } from './iso-date.js';

/*
 * Dates are civil dates in China as ISO `YYYY-MM-DD` strings, never instants: a working day is a
 * calendar fact, and taking instants here would hide a time-zone choice in every caller. Turn an
 * instant into a date with `shanghaiDateOf` first.
 *
 * Every answer carries `provisional`: true when it depends on a day whose arrangement is not yet
 * known, so it was computed on weekends alone and must be recomputed when that year is loaded.
 */

export interface WorkingDayAnswer {
  readonly working: boolean;
  readonly provisional: boolean;
}

export interface DateAnswer {
  readonly date: IsoDate;
  readonly provisional: boolean;
}

export interface CountAnswer {
  readonly days: number;
  readonly provisional: boolean;
}

/*
 * The next year's New Year notice can still move days at the end of December (2011-12-31,
 * 2018-12-29 to 31 were all set by the following year's notice), so those days stay provisional
 * until the next year is known. The earliest day moved so far is 29 December; 25 gives margin.
 */
const YEAR_END_WINDOW_START = 25;

export class WorkingDayCalendar {
  readonly #dataset: HolidayDataset;
  readonly #compiled: CompiledDataset;

  private constructor(dataset: HolidayDataset) {
    this.#compiled = compileDataset(dataset);
    this.#dataset = dataset;
  }

  /** A calendar from exactly these arrangements; throws HolidayDatasetError on bad data. */
  static fromDataset(dataset: HolidayDataset): WorkingDayCalendar {
    return new WorkingDayCalendar(dataset);
  }

  /** The arrangements shipped in `chinese-days`, with `extra` years laid over them. */
  static withDefaults(extra: HolidayDataset = {}): WorkingDayCalendar {
    return new WorkingDayCalendar(mergeDatasets(chineseDaysDataset(), extra));
  }

  /** A new calendar with `extra` years replacing or adding to this one's. */
  extendedWith(extra: HolidayDataset): WorkingDayCalendar {
    return new WorkingDayCalendar(mergeDatasets(this.#dataset, extra));
  }

  get dataset(): HolidayDataset {
    return this.#dataset;
  }

  get knownYears(): readonly number[] {
    return [...this.#compiled.knownYears].sort((a, b) => a - b);
  }

  isWorkingDay(date: IsoDate): WorkingDayAnswer {
    const day = toEpochDay(date);
    return { working: this.#isWorking(day), provisional: !this.#isSettled(day) };
  }

  /**
   * The `n`th working day after `start`, not counting `start` itself: a deadline of
   * "15 working days after day X". `n = 0` returns `start` unchanged.
   */
  addWorkingDays(start: IsoDate, n: number): DateAnswer {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    let day = toEpochDay(start);
    let remaining = n;
    let provisional = false;
    while (remaining > 0) {
      day += 1;
      if (!this.#isSettled(day)) provisional = true;
      if (this.#isWorking(day)) remaining -= 1;
    }
    return { date: fromEpochDay(day), provisional };
  }

  /**
   * Working days in the half-open interval (a, b]: after `a`, up to and including `b`, so that
   * `workingDaysBetween(d, addWorkingDays(d, n).date).days === n`. Negative when `b` is before `a`.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): CountAnswer {
    const from = toEpochDay(a);
    const to = toEpochDay(b);
    const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let days = 0;
    let provisional = false;
    for (let day = low + 1; day <= high; day += 1) {
      if (!this.#isSettled(day)) provisional = true;
      if (this.#isWorking(day)) days += 1;
    }
    return { days: days === 0 ? 0 : sign * days, provisional };
  }

  #isWorking(day: number): boolean {
    return this.#compiled.overrides.get(day) ?? !isWeekendEpochDay(day);
  }

  #isSettled(day: number): boolean {
    const { year, month, dayOfMonth } = yearMonthDayOfEpochDay(day);
    const known = this.#compiled.knownYears;
    if (!known.has(year)) return false;
    return !(month === 12 && dayOfMonth >= YEAR_END_WINDOW_START && !known.has(year + 1));
  }
}

let defaultCalendar: WorkingDayCalendar | undefined;

/**
 * The calendar from the shipped package data alone. Services should prefer the calendar built from
 * the arrangements an administrator has loaded; this is for tests and for bootstrapping.
 */
export function shippedCalendar(): WorkingDayCalendar {
  defaultCalendar ??= WorkingDayCalendar.withDefaults();
  return defaultCalendar;
}
