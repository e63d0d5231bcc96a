import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { AuditRow, Database } from '../../platform/db/schema.js';
import type { AuditEntryView, AuditFilter } from '../../contract/audit/audit.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { escapeLike, lowerBound, parseActionFilter, upperBound } from './rules.js';

type AuditExpressions = ExpressionBuilder<Database, 'audit_log'>;

/** The filters as one SQL predicate; shared by the search, its count and the export. */
function matches(filter: AuditFilter) {
  return (eb: AuditExpressions): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.userId) conditions.push(eb('actor_user_id', '=', filter.userId));
    if (filter.actor) conditions.push(eb('actor_label', 'ilike', `%${escapeLike(filter.actor)}%`));
    if (filter.organisationId) conditions.push(eb('actor_org_id', '=', filter.organisationId));
    if (filter.childId) conditions.push(eb('child_id', '=', filter.childId));
    if (filter.childCode)
      conditions.push(
        eb(
          'child_id',
          'in',
          eb
            .selectFrom('children')
            .select('children.id')
            .where('children.haven_code', '=', filter.childCode)
            .where(systemScope('an auditor names a child by the file number; the audit log is not scoped by place')),
        ),
      );
    if (filter.action) {
      const match = parseActionFilter(filter.action);
      conditions.push(
        match.kind === 'exact' ? eb('action', '=', match.action) : eb('action', 'like', `${escapeLike(match.prefix)}%`),
      );
    }
    if (filter.entityType) conditions.push(eb('entity_type', '=', filter.entityType));
    if (filter.entityId) conditions.push(eb('entity_id', '=', filter.entityId));
    if (filter.outcome) conditions.push(eb('outcome', '=', filter.outcome));
    if (filter.from) conditions.push(eb('occurred_at', '>=', lowerBound(filter.from)));
    if (filter.to) {
      const bound = upperBound(filter.to);
      conditions.push(eb('occurred_at', bound.inclusive ? '<=' : '<', bound.at));
    }
    return conditions.length > 0 ? eb.and(conditions) : sql<boolean>`true`;
  };
}

export async function countAuditEntries(db: Kysely<Database>, filter: AuditFilter): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(matches(filter))
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface AuditPageRequest {
  limit: number;
  /** Keyset: only entries with a smaller id (older in chain order). */
  beforeId?: string | undefined;
  offset?: number | undefined;
}

/** Newest first, in chain order (ids are assigned under the chain lock, so id order is time order). */
export async function findAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: AuditPageRequest,
): Promise<AuditEntryView[]> {
  let query = db.selectFrom('audit_log').selectAll().where(matches(filter));
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  else if (page.offset) query = query.offset(page.offset);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toView);
}

/** Walks every matching entry, newest first, in batches, up to `cap` entries. */
export async function* eachAuditEntry(
  db: Kysely<Database>,
  filter: AuditFilter,
  cap: number,
  batchSize = 2000,
): AsyncGenerator<AuditEntryView> {
  let beforeId: string | undefined;
  let yielded = 0;
  while (yielded < cap) {
    const batch = await findAuditEntries(db, filter, { limit: Math.min(batchSize, cap - yielded), beforeId });
    for (const entry of batch) yield entry;
    yielded += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    beforeId = last.id;
  }
}

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorLabel: row.actor_label,
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    childId: row.child_id,
    outcome: row.outcome,
    ip: row.ip,
    requestId: row.request_id,
    details: row.details,
    entityRef: null,
    childRef: null,
  };
}
