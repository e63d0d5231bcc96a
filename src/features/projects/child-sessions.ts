import type { Kysely, Transaction } from 'kysely';
import type { SessionAttendee } from '../../contract/projects/projects.js';
import type { SessionKind } from '../../contract/projects/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The sessions social organisations recorded for a child the reader sees (newest first): for the child's file. */
export async function sessionsOfChildIn(
  db: Db,
  actor: Actor,
  childId: string,
): Promise<
  {
    id: string;
    kind: SessionKind;
    heldOn: string;
    minutes: number;
    attendees: number;
    attendedBy: SessionAttendee[];
    organisation: string;
  }[]
> {
  const rows = await db
    .selectFrom('service_sessions')
    .innerJoin('children', 'children.id', 'service_sessions.child_id')
    .innerJoin('organisations', 'organisations.id', 'service_sessions.organisation_id')
    .where(childInScope(actor))
    .where('service_sessions.child_id', '=', childId)
    .select([
      'service_sessions.id',
      'service_sessions.kind',
      'service_sessions.held_on',
      'service_sessions.minutes',
      'service_sessions.attendees',
      'service_sessions.attended_by',
      'organisations.name as organisation',
    ])
    .orderBy('service_sessions.held_on', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    heldOn: String(row.held_on),
    minutes: row.minutes,
    attendees: row.attendees,
    attendedBy: row.attended_by,
    organisation: row.organisation,
  }));
}
