import {
  type ColumnType,
  type Generated,
  type Insertable,
  type Kysely,
  type RawBuilder,
  sql,
  type Transaction,
} from 'kysely';
import type { Actor } from '../platform/access/actor.js';
import type { Database } from '../platform/db/schema.js';

/*
 * The child's timeline: everything that happened to the child, whichever feature did it. This
 * module is its only writer; the registry reads it back (features/registry/history.ts). Entries
 * with before/after are the versioned history of the file (who, when, why).
 */

type Json<T> = ColumnType<T, string | undefined, string>;

export interface ChildTimelineTable {
  id: Generated<string>;
  child_id: string;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  kind: string;
  actor_user_id: string | null;
  actor_label: string;
  reason: string | null;
  entity_type: string | null;
  entity_id: string | null;
  before: Json<Record<string, unknown> | null> | null;
  after: Json<Record<string, unknown> | null> | null;
  details: Json<Record<string, unknown>>;
}

declare module '../platform/db/schema.js' {
  interface Database {
    child_timeline: ChildTimelineTable;
  }
}

export interface TimelineChange {
  childId: string;
  kind: string;
  reason?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
  /** When it happened, if not now (a case action carries its own moment). */
  occurredAt?: Date;
}

/** Appends entries to children's timelines; returns their ids in the order given. */
export async function recordTimeline(
  trx: Transaction<Database> | Kysely<Database>,
  actor: Actor,
  changes: TimelineChange | TimelineChange[],
): Promise<string[]> {
  const list = Array.isArray(changes) ? changes : [changes];
  if (list.length === 0) return [];
  const rows = await trx
    .insertInto('child_timeline')
    .values(list.map((change) => timelineRow(actor, change)))
    .returning('id')
    .execute();
  return rows.map((row) => String(row.id));
}

/**
 * One entry's INSERT, not run: for a writer that sends it inside its own statement (a workflow's
 * append, `core/workflow/log.ts`: one round trip fewer per case action, issue 21).
 */
export function timelineInsert(trx: Transaction<Database> | Kysely<Database>, actor: Actor, change: TimelineChange) {
  return trx.insertInto('child_timeline').values(timelineRow(actor, change));
}

function timelineRow(actor: Actor, change: TimelineChange): Insertable<ChildTimelineTable> {
  return {
    child_id: change.childId,
    ...(change.occurredAt ? { occurred_at: change.occurredAt } : {}),
    kind: change.kind,
    actor_user_id: actor.userId,
    actor_label: actor.label,
    reason: change.reason ?? null,
    entity_type: change.entityType ?? null,
    entity_id: change.entityId ?? null,
    before: change.before ? JSON.stringify(change.before) : null,
    after: change.after ? JSON.stringify(change.after) : null,
    details: JSON.stringify(change.details ?? {}),
  };
}

/**
 * The set-based form, for sweeps and imports that write thousands of entries in one statement:
 * `INSERT INTO child_timeline … SELECT`, to run alone or inside a data-modifying CTE. `entries` is
 * a SELECT yielding, in this order: child_id, kind, reason, entity_type, entity_id, before, after,
 * details. The actor is the one who does the change; entries keep the SELECT's order.
 */
export function timelineInsertFrom(actor: Actor, entries: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    INSERT INTO child_timeline (child_id, kind, reason, entity_type, entity_id, before, after, details, actor_user_id, actor_label)
    SELECT e.child_id::uuid, e.kind::text, e.reason::text, e.entity_type::text, e.entity_id::text, e.before::jsonb,
      e.after::jsonb, e.details::jsonb, ${actor.userId}::uuid, ${actor.label}::text
    FROM (${entries}) AS e(child_id, kind, reason, entity_type, entity_id, before, after, details)`;
}

/**
 * Entries that happened earlier and elsewhere, each with its own moment and actor: the demo's
 * generated history. Nothing a person does now is written this way (use recordTimeline).
 */
export async function importTimelineEntries(
  trx: Transaction<Database>,
  entries: readonly Insertable<ChildTimelineTable>[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('child_timeline')
    .values([...entries])
    .execute();
}
