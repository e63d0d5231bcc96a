import type { ColumnType, Generated } from 'kysely';
import type { ClockState, ClockSubjectType, EscalationTarget } from '../../contract/my-work/clocks.js';

export {
  type ClockState,
  type ClockSubjectType,
  clockStates,
  clockSubjectTypes,
  type EscalationTarget,
  escalationTargets,
} from '../../contract/my-work/clocks.js';

type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ClocksTable {
  id: Generated<string>;
  rule: string;
  owner_org_id: string;
  owner_user_id: string | null;
  subject_type: ClockSubjectType;
  subject_id: string;
  case_id: string | null;
  report_id: string | null;
  child_id: string | null;
  division_code: string;
  started_at: Instant;
  due_at: Instant;
  provisional: ColumnType<boolean, boolean | undefined, boolean>;
  /** Counted in working days: a resumed clock gets back its remaining working days (0025). */
  counts_working_days: ColumnType<boolean, boolean | undefined, boolean>;
  state: ColumnType<ClockState, ClockState | undefined, ClockState>;
  stopped_at: NullableInstant;
  stopped_by_seq: number | null;
  paused_at: NullableInstant;
  pause_reason: string | null;
  /** Hours after the due time at which each escalation level is reached (level n = index n-1). */
  escalation_hours: number[];
  /**
   * Not maintained since migration 0190 (the escalation state is in `clock_escalations`): never read
   * or written, only cleared, until a later migration drops it.
   */
  next_escalation_at: ColumnType<never, never, null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/**
 * A clock's escalation state (migration 0190), narrow so that the daily sweep rewrites a small row
 * with two indexes instead of the wide `clocks` row with all of its. Every open clock has one; a
 * clock without one is at level 0 with nothing due.
 */
export interface ClockEscalationsTable {
  clock_id: string;
  escalation_level: ColumnType<number, number | undefined, number>;
  /** When the next level is reached; null when none is to come (all reached, met, paused). */
  next_escalation_at: NullableInstant;
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

/** A clock's history of due-time changes (migration 0037): a provisional deadline recomputed. */
export interface ClockChangesTable {
  id: Generated<string>;
  clock_id: string;
  kind: string;
  due_before: Instant;
  due_after: Instant;
  provisional_before: boolean;
  provisional_after: boolean;
  reason: string;
  actor_user_id: string | null;
  actor_label: string;
  changed_at: Instant;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    clock_changes: ClockChangesTable;
    clocks: ClocksTable;
    clock_escalations: ClockEscalationsTable;
    alerts: AlertsTable;
  }
}
