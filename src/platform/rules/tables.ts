import type { ColumnType, Generated } from 'kysely';

export interface RuleSetsTable {
  id: Generated<string>;
  /** Division subtree the rules apply to; '000000000000' = everywhere. */
  scope_code: string;
  version: number;
  valid_from: string;
  /** A partial document: sections and keys given here override the built-in defaults. */
  rules: ColumnType<Record<string, unknown>, string, never>;
  note: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../db/schema.js' {
  interface Database {
    rule_sets: RuleSetsTable;
  }
}
