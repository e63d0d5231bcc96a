import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Tables of the platform; features extend `Database` with their own in their store files. */
export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  child_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown>, never>;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeyTable {
  key: string;
  actor_key: string;
  request_hash: string;
  status_code: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  state: ColumnType<
    'queued' | 'running' | 'done' | 'failed',
    'queued' | undefined,
    'queued' | 'running' | 'done' | 'failed'
  >;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, never, Date | string | null>;
}

export interface SweepRunTable {
  id: Generated<string>;
  sweep: string;
  as_of: ColumnType<Date, Date | string, never>;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, never, Date | string>;
  outcome: ColumnType<Record<string, unknown>, never, string>;
}

export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  settings: SettingTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeyTable;
  jobs: JobTable;
  sweep_runs: SweepRunTable;
}

export type AuditRow = Selectable<AuditLogTable>;
export type NewJob = Insertable<JobTable>;
