import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string | undefined, string>;

/** Columns added by migration 0010_registry_core to the tables declared in tables.ts. */
declare module './tables.js' {
  interface ChildCategoriesTable {
    proposal_evidence: Json<{ code: string; params: Record<string, string | number> } | null> | null;
  }
  interface FamilyMembersTable {
    removed_reason: string | null;
  }
}
