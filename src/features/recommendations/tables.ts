import type { ColumnType, Generated } from 'kysely';
import type { RecommendationActionType, RecommendationStatus } from '../../contract/recommendations/vocabulary.js';

export interface RecommendationsTable {
  id: Generated<string>;
  reference: string | null;
  from_org_id: string;
  to_org_id: string;
  /** Only when the recommendation is about one child (then read through the child's scope). */
  child_id: string | null;
  case_id: string | null;
  facts: string;
  recommends: string;
  /** The addressee's division: its rules and the reply clock's place. */
  division_code: string;
  /** Sequence number of the last action: the recommendation's version. */
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface RecommendationActionsTable {
  id: Generated<string>;
  recommendation_id: string;
  seq: number;
  type: RecommendationActionType;
  status_after: RecommendationStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    recommendations: RecommendationsTable;
    recommendation_actions: RecommendationActionsTable;
  }
}
