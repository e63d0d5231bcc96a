import type { ColumnType, Generated } from 'kysely';
import type {
  ActionItemStatus,
  AgendaSource,
  Attendance,
  ConferenceLevel,
  MeetingStatus,
} from '../../contract/joint-conference/vocabulary.js';

type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ConferenceMembersTable {
  id: Generated<string>;
  division_code: string;
  organisation_id: string;
  added_by: string | null;
  added_at: Instant;
  removed_at: NullableInstant;
}

export interface ConferenceMeetingsTable {
  id: Generated<string>;
  division_code: string;
  level: ConferenceLevel;
  title: string;
  meets_on: string;
  place: string;
  chair: string;
  convener_org_id: string | null;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  summary: string | null;
  held_at: NullableInstant;
  minutes_approved_at: NullableInstant;
  minutes_approved_by: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Instant;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConferenceAgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  source: AgendaSource;
  /** What the item is about (`clock:<id>`, `referral:<id>`…), so building the agenda twice adds nothing. */
  source_key: string | null;
  facts: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Typed in for a free item; a proposed item is worded from its facts in the reader's language. */
  title: string | null;
  detail: string | null;
  added_by: string | null;
  added_at: Instant;
}

export interface ConferenceAttendanceTable {
  meeting_id: string;
  organisation_id: string;
  attendance: Attendance;
  delegate_name: string | null;
}

export interface ConferenceActionItemsTable {
  id: Generated<string>;
  meeting_id: string;
  agenda_item_id: string | null;
  division_code: string;
  title: string;
  detail: string | null;
  owner_org_id: string;
  due_on: string;
  status: ColumnType<ActionItemStatus, ActionItemStatus | undefined, ActionItemStatus>;
  note: string | null;
  closed_at: NullableInstant;
  closed_by: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Instant;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    conference_members: ConferenceMembersTable;
    conference_meetings: ConferenceMeetingsTable;
    conference_agenda_items: ConferenceAgendaItemsTable;
    conference_attendance: ConferenceAttendanceTable;
    conference_action_items: ConferenceActionItemsTable;
  }
}
