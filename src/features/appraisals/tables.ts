import type { ColumnType, Generated } from 'kysely';
import type { AppraisalIndicators, AppraisalRating } from '../../contract/grassroots/training.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Migration 0049: the officer's yearly assessment of a roster entry, with the indicators it judged. */
export interface GrassrootsAppraisalsTable {
  id: Generated<string>;
  staff_id: string;
  year: number;
  indicators: ColumnType<AppraisalIndicators, string, string>;
  rating: AppraisalRating;
  comment: string | null;
  version: ColumnType<number, number | undefined, number>;
  recorded_by: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    grassroots_appraisals: GrassrootsAppraisalsTable;
  }
}
