import type { Generated } from 'kysely';
import type { SupervisionCheck } from '../../contract/grassroots/supervision.js';

/** Migration 0125: the supervision log (督导日志), append-only. */
export interface SupervisionLogsTable {
  id: Generated<string>;
  director_staff_id: string;
  supervisor_staff_id: string | null;
  supervisor_name: string;
  division_code: string;
  checked_on: string;
  checked: SupervisionCheck[];
  checked_note: string | null;
  findings: string;
  follow_up: string | null;
  follow_up_by: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

/** Migration 0155: a check's follow-up recorded done, append-only; one per entry. */
export interface SupervisionFollowUpsTable {
  log_id: string;
  done_on: string;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: Date;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    supervision_logs: SupervisionLogsTable;
    supervision_follow_ups: SupervisionFollowUpsTable;
  }
}
