import type { ColumnType, Generated } from 'kysely';
import type { DivisionLevel } from './rules.js';

/** Dates are ISO strings (see platform/db/connect.ts). One row per code, ever (see 0002_divisions). */
export interface DivisionsTable {
  code: string;
  name: string;
  level: DivisionLevel;
  /** 1 for a province … 5 for a village, generated from level. */
  depth: ColumnType<number, never, never>;
  parent_code: string | null;
  short_name: string;
  pinyin: string;
  initials: string;
  name_grams: string[];
  valid_from: string;
  valid_to: string | null;
  successor_code: string | null;
}

export interface DivisionHistoryTable {
  id: Generated<string>;
  code: string;
  name: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string;
}

export interface DivisionDatasetsTable {
  province: string;
  code_year: number;
  valid_from: string;
  source: string;
  version: string;
  licence: string;
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
  divisions: number;
  added: number;
  changed: number;
  reopened: number;
  closed: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    divisions: DivisionsTable;
    division_history: DivisionHistoryTable;
    division_datasets: DivisionDatasetsTable;
  }
}
