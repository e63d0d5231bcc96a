import type { ColumnType } from 'kysely';
import type { DivisionLevel } from '../../core/places.js';
import type { CountDimension } from './counts-rules.js';

/** Precomputed registry counts (0013_sweeps_dashboards): active children per division, level and value. */
export interface RegistryCountsTable {
  level: DivisionLevel;
  division_code: string;
  dimension: CountDimension;
  value: string;
  n: number;
  /** Generated: the key one level up that this row adds to. */
  parent: ColumnType<string | null, never, never>;
}

export interface RegistryCountsStateTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  counted_at: Date | null;
  full_counted_at: Date | null;
}

export interface RegistryCountsDirtyTable {
  code: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    registry_counts: RegistryCountsTable;
    registry_counts_state: RegistryCountsStateTable;
    registry_counts_dirty: RegistryCountsDirtyTable;
  }
}
