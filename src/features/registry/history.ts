import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { hasPermission } from '../../platform/access/actor.js';
import { maskAddress, maskIdNumber, maskPhone } from '../../platform/access/masking.js';
import { recordAudit } from '../../platform/audit/append.js';
import { canonicalJson } from '../../platform/audit/hash-chain.js';
import type { Database } from '../../platform/db/schema.js';
import { registryNotFound, requirePermission } from './guards.js';
import { childInScopeById, fileChildIds } from './file-store.js';
import type { TimelineEntry } from '../../contract/registry/child.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { fileAccessOf } from '../../core/scope/participation.js';
import { narrowTimelineValues, timelineEntriesVisibleTo } from '../../core/scope/need-to-know.js';

/*
 * The child's timeline, read side: newest first, masked like the file. Entries are written by
 * core (src/core/timeline.ts), the only writer; re-exported here for callers not yet moved.
 */
export { recordTimeline, type TimelineChange } from '../../core/timeline.js';

/** Kinds whose before/after can be put back by `restore`. */
export const restorableKinds = new Set(['child.updated', 'family.added', 'family.updated', 'family.removed']);

/** Only what changed: the fields whose values differ, before and after. */
export function diffValues<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | undefined {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (canonicalJson(value) !== canonicalJson(before[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = value;
    }
  }
  return Object.keys(a).length === 0 ? undefined : { before: b as Partial<T>, after: a as Partial<T> };
}

const maskers: Record<string, (value: string | null) => string | null> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
};

/** History shows identifiers masked like the file does, for roles without `children.unmask`. */
function masked(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values) return values;
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      maskers[key] && typeof value === 'string' ? maskers[key](value) : value,
    ]),
  );
}

export async function listTimeline(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  paging: { page: number; pageSize: number; kind?: string; unmask?: boolean },
): Promise<{ items: TimelineEntry[]; total: number; page: number; pageSize: number }> {
  requirePermission(actor, 'children.read');
  const child = await childInScopeById(db, actor, childId);
  if (!child) {
    await recordAudit(db, actor, {
      action: 'children.read_timeline',
      entityType: 'child',
      entityId: childId,
      outcome: 'denied',
      details: { reason: 'not_found_or_out_of_scope' },
    });
    throw registryNotFound(actor, 'child', childId);
  }
  const unmasked = paging.unmask === true && hasPermission(actor, 'children.unmask');
  await recordAudit(db, actor, {
    action: unmasked ? 'children.read_timeline_unmasked' : 'children.read_timeline',
    entityType: 'child',
    entityId: childId,
    childId,
  });
  const show = (values: Record<string, unknown> | null) => (unmasked ? values : masked(values));
  const ids = await fileChildIds(db, childId);
  const access = await fileAccessOf(db, actor, childId);
  let query = db
    .selectFrom('child_timeline')
    .where(systemScope('the file childInScopeById read above'))
    .where('child_id', 'in', ids);
  // Need-to-know: a reader through a referral sees the entries of the parts it shares, and its own referral's.
  if (access !== 'whole') query = query.where(timelineEntriesVisibleTo(actor, access));
  if (paging.kind) query = query.where('kind', 'like', `${paging.kind}%`);
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      id: String(row.id),
      childId: row.child_id,
      occurredAt: row.occurred_at.toISOString(),
      kind: row.kind,
      actor: row.actor_label,
      reason: row.reason,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: show(narrowTimelineValues(row.kind, row.before, access)),
      after: show(narrowTimelineValues(row.kind, row.after, access)),
      details: row.details,
      restorable: restorableKinds.has(row.kind),
    })),
    total: total.n,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}
