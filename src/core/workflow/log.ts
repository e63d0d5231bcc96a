import { type CompiledQuery, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { type Actor, accountableUserId } from '../../platform/access/actor.js';
import { childInScope } from '../scope/child-scope.js';
import { timelineInsert } from '../timeline.js';
import type { Database } from '../../platform/db/schema.js';
import { executeNamed } from '../../platform/db/named-statements.js';
import { actorShapeKey, StatementShapes } from '../../platform/db/statement-shapes.js';
import type { Subject, SubjectsVisibleTo } from './definition.js';
import { applyEntry, foldLog, type LogEntry, type StatusTable, type WorkflowState } from './rules.js';

type Trx = Transaction<Database>;

/** The storage half of a workflow definition. */
interface LogTables<S extends string, A extends string, F> extends StatusTable<S, A> {
  entity: string;
  log: {
    subjects: string;
    actions: string;
    subjectKey: string;
    fields: (row: Readonly<Record<string, unknown>>) => F;
    alsoVisibleTo?: (actor: Actor) => RawBuilder<SqlBool>;
    visibleTo?: SubjectsVisibleTo;
  };
}

/**
 * The subject through the scope, locked for this change, with its state folded from the log. One
 * statement: the row lock is taken only on a row the scope let through, so a caller outside it
 * locks nothing and learns nothing (404 like a missing subject). The scope is the feature's read
 * rule when the workflow declares one (`visibleTo`), else the child's scope (or `alsoVisibleTo`).
 * The log comes in the same statement; every entry raises the subject's seq by one under this lock,
 * so a log as long as the locked row's seq is the whole log. When a concurrent action committed
 * while this one waited for the lock, the statement's snapshot predates it: the log is read again.
 */
export async function lockSubject<S extends string, A extends string, F>(
  trx: Trx,
  actor: Actor,
  workflow: LogTables<S, A, F>,
  id: string,
): Promise<Subject<S, A, F> | undefined> {
  // Named (prepared): its plan is kept; planning it through the scope cost more than running it (issue 21).
  // Built and compiled once per workflow and actor shape: only the subject's id changes (issue 21, session 17).
  let shapes = lockShapes.get(workflow.log);
  if (!shapes) {
    shapes = new StatementShapes(['id']);
    lockShapes.set(workflow.log, shapes);
  }
  const statement = shapes.statement(actorShapeKey(actor), { id }, (marks) =>
    lockStatement(trx, actor, workflow, marks.id),
  );
  const found = await executeNamed(trx, 'workflow_lock', statement);
  const locked = found.rows[0];
  if (!locked) return undefined;
  const { log_entries__: logged, ...row } = locked as LockedRow & { log_entries__: LogEntry<A>[] };
  const entries =
    logged.length === row.seq
      ? logged
      : (
          await sql<LogEntry<A>>`
            SELECT type, coalesce(accountable_user_id, actor_user_id) AS by FROM ${sql.table(workflow.log.actions)}
            WHERE ${sql.ref(workflow.log.subjectKey)} = ${id} ORDER BY seq`.execute(trx)
        ).rows;
  return {
    ...workflow.log.fields(row),
    id: row.id,
    // A subject table without a child column (a report's recipient) is about no child here.
    childId: (row.child_id ?? null) as string,
    seq: row.seq,
    state: foldLog(workflow, entries),
  };
}

type LockedRow = Record<string, unknown> & {
  id: string;
  child_id?: string | null;
  seq: number;
  log_entries__: LogEntry<string>[];
};
// Per workflow (its tables and read rule), then per actor shape.
const lockShapes = new WeakMap<object, StatementShapes<LockedRow, { id: string }>>();

/** The lock as built afresh (the cache's key, the workflow's table and the actor's shape, decides everything else). */
export function lockStatement<S extends string, A extends string, F>(
  trx: Trx,
  actor: Actor,
  workflow: LogTables<S, A, F>,
  id: string,
): CompiledQuery<LockedRow> {
  // The log as one JSON array (one parse), not an array of JSON values (an array parse and one per entry).
  return sql<LockedRow>`
    SELECT s.*, (
      SELECT coalesce(json_agg(json_build_object('type', l.type, 'by', coalesce(l.accountable_user_id, l.actor_user_id)) ORDER BY l.seq), '[]')
      FROM ${sql.table(workflow.log.actions)} AS l WHERE l.${sql.ref(workflow.log.subjectKey)} = s.id
    ) AS log_entries__
    FROM ${sql.table(workflow.log.subjects)} AS s
    WHERE s.id = ${id} AND ${visibility(trx, actor, workflow)}
    FOR UPDATE OF s`.compile(trx);
}

function visibility<S extends string, A extends string, F>(
  trx: Trx,
  actor: Actor,
  workflow: LogTables<S, A, F>,
): RawBuilder<SqlBool> {
  if (workflow.log.visibleTo) return sql<SqlBool>`s.id IN (${workflow.log.visibleTo(trx, actor)})`;
  const inScope = trx
    .selectFrom('children')
    .select(sql`1`.as('one'))
    .where(sql<boolean>`children.id = s.child_id`)
    .where(childInScope(actor));
  const also = workflow.log.alsoVisibleTo?.(actor);
  return sql<SqlBool>`(EXISTS (${inScope}) ${also ? sql`OR ${also}` : sql``})`;
}

export interface AppendedEntry<A extends string> {
  type: A;
  payload: Record<string, unknown>;
  at: Date;
  timeline?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
}

/**
 * Appends one entry: the next sequence number, the status it leads to, the subject's version and
 * the child's timeline entry. The log's unique (subject, seq) makes a duplicate impossible even if
 * a lock were missed. Throws when the state does not allow the entry (the log never holds one).
 */
export async function appendEntry<S extends string, A extends string, F>(
  trx: Trx,
  actor: Actor,
  workflow: LogTables<S, A, F>,
  subject: { id: string; childId: string | null; state: WorkflowState<S, A> },
  entry: AppendedEntry<A>,
): Promise<WorkflowState<S, A>> {
  const by = accountableUserId(actor);
  const next = applyEntry(workflow, subject.state, { type: entry.type, by });
  // One statement for the log, the subject's seq and the child's timeline entry (through its one writer,
  // core/timeline), at the action's own time (a demo or an import records the past). A subject about no
  // child (a recommendation to a unit) has no timeline to write to.
  const timeline =
    subject.childId === null
      ? undefined
      : timelineInsert(trx, actor, {
          childId: subject.childId,
          occurredAt: entry.at,
          kind: `${workflow.entity}.${entry.type}`,
          entityType: workflow.entity,
          entityId: subject.id,
          before: entry.timeline?.before ?? null,
          after: entry.timeline?.after ?? null,
          details: { seq: next.seq, status: next.status },
        });
  const append = sql`
    WITH action AS (
      INSERT INTO ${sql.table(workflow.log.actions)} (${sql.ref(workflow.log.subjectKey)}, seq, type, status_after,
        payload, actor_user_id, accountable_user_id, actor_org_id, actor_label, occurred_at)
      VALUES (${subject.id}, ${next.seq}, ${entry.type}, ${next.status}, ${JSON.stringify(entry.payload)}::jsonb,
        ${actor.userId}, ${by}, ${actor.organisationId}, ${actor.label}, ${entry.at})
      RETURNING 1
    )${timeline ? sql`, timeline AS (${timeline})` : sql``}
    UPDATE ${sql.table(workflow.log.subjects)} SET seq = ${next.seq} WHERE id = ${subject.id}`;
  await executeNamed(trx, 'workflow_append', append.compile(trx));
  return next;
}
