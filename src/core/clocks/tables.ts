import type { ColumnType, Generated } from 'kysely';

export const clockStates = ['running', 'met', 'missed', 'paused'] as const;
export type ClockState = (typeof clockStates)[number];
export const escalationTargets = ['owner', 'director', 'supervisor', 'civil_affairs', 'joint_conference'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ClocksTable {
  id: Generated<string>;
  rule: string;
  owner_org_id: string;
  owner_user_id: string | null;
  subject_type: 'report_recipient' | 'case';
  subject_id: string;
  case_id: string | null;
  report_id: string | null;
  child_id: string | null;
  division_code: string;
  started_at: Instant;
  due_at: Instant;
  provisional: ColumnType<boolean, boolean | undefined, boolean>;
  state: ColumnType<ClockState, ClockState | undefined, ClockState>;
  stopped_at: NullableInstant;
  stopped_by_seq: number | null;
  paused_at: NullableInstant;
  pause_reason: string | null;
  /** Hours after the due time at which each escalation level is reached (level n = index n-1). */
  escalation_hours: number[];
  escalation_level: ColumnType<number, number | undefined, number>;
  next_escalation_at: NullableInstant;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AlertsTable {
  id: Generated<string>;
  clock_id: string;
  level: number;
  target: EscalationTarget;
  recipient_org_id: string | null;
  recipient_user_id: string | null;
  recipient_role: string | null;
  division_code: string;
  due_at: Instant;
  raised_at: Instant;
  swept_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    clocks: ClocksTable;
    alerts: AlertsTable;
  }
}
