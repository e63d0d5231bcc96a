import type { ColumnType, Generated } from 'kysely';

export interface ServiceMatrixVersionsTable {
  id: Generated<string>;
  division_code: string;
  version: number;
  valid_from: string;
  note: string | null;
  created_by: string | null;
  created_label: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ServiceMatrixCellsTable {
  version_id: string;
  service: string;
  kind: string;
  responsibility: 'leads' | 'takes_part' | 'none';
}

declare module '../../platform/db/schema.js' {
  interface Database {
    service_matrix_versions: ServiceMatrixVersionsTable;
    service_matrix_cells: ServiceMatrixCellsTable;
  }
}
