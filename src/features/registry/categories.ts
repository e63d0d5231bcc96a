import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { assembleFile } from './child-file.js';
import { entityName, registryNotFound, requirePermission } from './guards.js';
import { type CategoryRow, childInScopeById, fileChildIds } from './file-store.js';
import { recordTimeline } from '../../core/timeline.js';
import type { ChildFile } from '../../contract/registry/child.js';
import type { CategoryCode } from './tables.js';
import { loadWritableChild } from './writable.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;

/*
 * Staff decide on category memberships (分类保障): confirm or reject a rule's proposal, add a
 * category no rule can see (street, victim, offender, improper guardianship), end a membership.
 */

async function decide(
  db: Db,
  actor: Actor,
  childId: string,
  action: string,
  fn: (trx: Transaction<Database>) => Promise<void>,
): Promise<ChildFile> {
  requirePermission(actor, 'children.write');
  const { result } = await unitOfWork(db, actor, action, async ({ trx, audit }) => {
    await loadWritableChild(trx, actor, childId);
    await fn(trx);
    audit({ entityType: 'child', entityId: childId, childId });
    const child = await childInScopeById(trx, actor, childId);
    return assembleFile(trx, actor, child!, false);
  });
  return result;
}

async function membership(trx: Transaction<Database>, actor: Actor, childId: string, id: string): Promise<CategoryRow> {
  const row = await trx
    .selectFrom('child_categories')
    .where(systemScope('a category of the file decide() locked through childInScope'))
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !(await fileChildIds(trx, childId)).includes(row.child_id)) throw registryNotFound(actor, 'category', id);
  return row;
}

function save(
  trx: Transaction<Database>,
  actor: Actor,
  row: CategoryRow,
  version: number,
  values: Record<string, unknown>,
) {
  return updateVersioned<CategoryRow, Database>(trx, {
    table: 'child_categories',
    entity: entityName(actor, 'category'),
    id: row.id,
    expectedVersion: version,
    values,
  });
}

export async function confirmCategory(
  db: Db,
  actor: Actor,
  childId: string,
  id: string,
  input: { version: number; evidence: string; startDate: string },
): Promise<ChildFile> {
  return decide(db, actor, childId, 'children.category.confirm', async (trx) => {
    const row = await membership(trx, actor, childId, id);
    if (row.state !== 'proposed') throw conflict('registry.category_not_proposed', { state: row.state });
    await save(trx, actor, row, input.version, {
      state: 'confirmed',
      evidence: input.evidence,
      start_date: input.startDate,
      decided_by: actor.userId,
      decided_at: new Date(),
    });
    await recordTimeline(trx, actor, {
      childId: row.child_id,
      kind: 'category.confirmed',
      entityType: 'category',
      entityId: id,
      before: { state: 'proposed' },
      after: { state: 'confirmed', evidence: input.evidence, startDate: input.startDate },
      details: { category: row.category },
    });
  });
}

export async function rejectCategory(
  db: Db,
  actor: Actor,
  childId: string,
  id: string,
  input: { version: number; reason: string },
): Promise<ChildFile> {
  return decide(db, actor, childId, 'children.category.reject', async (trx) => {
    const row = await membership(trx, actor, childId, id);
    if (row.state !== 'proposed') throw conflict('registry.category_not_proposed', { state: row.state });
    await save(trx, actor, row, input.version, {
      state: 'rejected',
      decision_reason: input.reason,
      decided_by: actor.userId,
      decided_at: new Date(),
    });
    await recordTimeline(trx, actor, {
      childId: row.child_id,
      kind: 'category.rejected',
      reason: input.reason,
      entityType: 'category',
      entityId: id,
      before: { state: 'proposed' },
      after: { state: 'rejected' },
      details: { category: row.category },
    });
  });
}

export async function addCategory(
  db: Db,
  actor: Actor,
  childId: string,
  input: { category: CategoryCode; evidence: string; startDate: string },
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  return decide(db, actor, childId, 'children.category.add', async (trx) => {
    if (input.startDate > today)
      throw new DomainError('registry.start_date_future', 400, { startDate: input.startDate, today }, [
        { path: 'body.startDate', code: 'registry.start_date_future' },
      ]);
    const open = await trx
      .selectFrom('child_categories')
      .where(systemScope('the file decide() locked through childInScope'))
      .select('id')
      .where('child_id', '=', childId)
      .where('category', '=', input.category)
      .where('state', 'in', ['proposed', 'confirmed'])
      .executeTakeFirst();
    if (open) throw conflict('registry.category_already_open', { category: input.category }, { membershipId: open.id });
    const row = await trx
      .insertInto('child_categories')
      .values({
        child_id: childId,
        category: input.category,
        state: 'confirmed',
        evidence: input.evidence,
        start_date: input.startDate,
        decided_by: actor.userId,
        decided_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordTimeline(trx, actor, {
      childId,
      kind: 'category.added',
      entityType: 'category',
      entityId: row.id,
      after: { state: 'confirmed', evidence: input.evidence, startDate: input.startDate },
      details: { category: input.category },
    });
  });
}

export async function endCategory(
  db: Db,
  actor: Actor,
  childId: string,
  id: string,
  input: { version: number; reason: string; endDate: string },
): Promise<ChildFile> {
  return decide(db, actor, childId, 'children.category.end', async (trx) => {
    const row = await membership(trx, actor, childId, id);
    if (row.state !== 'confirmed') throw conflict('registry.category_not_confirmed', { state: row.state });
    if (row.start_date && input.endDate < row.start_date)
      throw new DomainError('registry.end_before_start', 400, { endDate: input.endDate, startDate: row.start_date });
    await save(trx, actor, row, input.version, { state: 'ended', end_date: input.endDate, end_reason: input.reason });
    await recordTimeline(trx, actor, {
      childId: row.child_id,
      kind: 'category.ended',
      reason: input.reason,
      entityType: 'category',
      entityId: id,
      before: { state: 'confirmed' },
      after: { state: 'ended', endDate: input.endDate },
      details: { category: row.category },
    });
  });
}
