import type { ColumnType, Generated } from 'kysely';
import type { GuardianshipType, LegalBasis, PlacementActionType, PlacementKind, PlacementStatus } from './model.js';

type Json<T> = ColumnType<T, string, string>;

export interface PlacementsTable {
  id: Generated<string>;
  child_id: string;
  /** Sequence number of the last action: the episode's version. */
  seq: ColumnType<number, number | undefined, number>;
  kind: PlacementKind;
  organisation_id: string | null;
  carer: Json<{ name: string; relationship: string | null; phone: string | null } | null>;
  legal_basis: LegalBasis;
  guardianship_type: GuardianshipType;
  guardian_name: string | null;
  guardian_organisation_id: string | null;
  reason: string;
  handover: Json<{ from: string; to: string; belongings: string[]; documents: string[]; notes: string | null }>;
  child_kinds: ColumnType<string[], string[] | undefined, string[]>;
  division_code: string;
  case_id: string | null;
  previous_id: string | null;
  over_capacity_reason: string | null;
  occupancy_at_start: number | null;
  beds_at_start: number | null;
  started_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  end_reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface PlacementActionsTable {
  id: Generated<string>;
  placement_id: string;
  seq: number;
  type: PlacementActionType;
  status_after: PlacementStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: ColumnType<string | null, string | null | undefined, never>;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    placements: PlacementsTable;
    placement_actions: PlacementActionsTable;
  }
}
