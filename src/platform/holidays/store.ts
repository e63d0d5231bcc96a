import { type ColumnType, type Generated, type Kysely, sql, type Transaction } from 'kysely';
import { type HolidayDataset, type IsoDate, WorkingDayCalendar } from '../calendar/index.js';
import type { Database } from '../db/schema.js';

/*
 * The holiday arrangements an administrator has loaded (migration 0037), laid over the ones shipped
 * in `chinese-days`. Each load is a new row; the newest load of a year is in force. Every process
 * reads the newest revision before it computes a deadline, so a load made by the CLI is seen by a
 * running server at its next clock.
 */

export interface HolidayArrangementsTable {
  revision: Generated<string>;
  year: number;
  holidays: ColumnType<string[], string[], never>;
  workdays: ColumnType<string[], string[], never>;
  source: string;
  note: string | null;
  loaded_by_user_id: string | null;
  loaded_by_label: string;
  loaded_at: ColumnType<Date, Date | string | undefined, never>;
  clocks_recomputed: ColumnType<number, number | undefined, number>;
  /** Set once every batch of its recompute is done (migration 0170); null while one is under way. */
  recomputed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One finished batch of a load's recompute (migration 0170). */
export interface HolidayRecomputeBatchesTable {
  revision: string;
  batch: number;
  clocks_changed: number;
  timeline_entries: number;
  finished_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../db/schema.js' {
  interface Database {
    holiday_arrangements: HolidayArrangementsTable;
    holiday_recompute_batches: HolidayRecomputeBatchesTable;
  }
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The arrangement in force for each loaded year (the newest load of the year); with `upTo`, as it
 * stood once that revision was loaded (a recompute resumed later needs the calendars of its load).
 */
export async function loadedArrangements(db: Db, upTo: string | null = null): Promise<HolidayDataset> {
  const rows = await sql<{ year: number; holidays: IsoDate[]; workdays: IsoDate[] }>`
    SELECT DISTINCT ON (year) year,
      ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) AS d ORDER BY d) AS holidays,
      ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) AS d ORDER BY d) AS workdays
    FROM holiday_arrangements WHERE ${upTo}::bigint IS NULL OR revision <= ${upTo}::bigint
    ORDER BY year, revision DESC`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [String(r.year), { holidays: r.holidays, workdays: r.workdays }]));
}

const cache = new Map<string, WorkingDayCalendar>();

/**
 * The working-day calendar in force: the shipped arrangements with every loaded year laid over
 * them. Cached per database and revision, so the cost is one small query per use.
 */
export async function calendarInForce(db: Db): Promise<WorkingDayCalendar> {
  const head = await sql<{ database: string; revision: string }>`
    SELECT current_database() AS database, coalesce(max(revision), 0)::text AS revision FROM holiday_arrangements`.execute(
    db,
  );
  const key = `${head.rows[0]?.database}:${head.rows[0]?.revision}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const calendar = WorkingDayCalendar.withDefaults(await loadedArrangements(db));
  if (cache.size > 64) cache.clear();
  cache.set(key, calendar);
  return calendar;
}

/** The calendar as it stood once `revision` was loaded (uncached: a resumed recompute's calendars). */
export async function calendarAsOf(db: Db, revision: string): Promise<WorkingDayCalendar> {
  return WorkingDayCalendar.withDefaults(await loadedArrangements(db, revision));
}
