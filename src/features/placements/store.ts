import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { ancestorCodes } from '../../core/places.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export interface ScopedChild {
  id: string;
  residenceCode: string;
  identified: boolean;
}

/** The child through the actor's scope (undefined: missing or outside it, the same 404). */
export async function childInScopeById(db: Db, actor: Actor, childId: string): Promise<ScopedChild | undefined> {
  const row = await db
    .selectFrom('children')
    .select(['id', 'residence_code', 'id_number'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row && { id: row.id, residenceCode: row.residence_code, identified: row.id_number !== null };
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  divisionCode: string;
  beds: number | null;
  active: boolean;
}

export async function organisationById(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code', 'bed_capacity', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      kind: row.kind,
      divisionCode: row.division_code,
      beds: row.bed_capacity,
      active: row.active,
    }
  );
}

/** The nearest active organisation of the kind at the place or above it (the follow-up's owner). */
export async function nearestOrganisation(db: Db, kind: string, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', kind)
    .where('active', '=', true)
    .where('division_code', 'in', [...ancestorCodes(code), code])
    .orderBy('division_code', 'desc')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

/** The child's current episode, if any. */
export async function currentPlacementId(
  db: Db,
  childId: string,
): Promise<{ id: string; kind: string; startedAt: Date } | undefined> {
  const row = await db
    .selectFrom('placements')
    .where(systemScope('the child read through childInScope by the caller'))
    .select(['id', 'kind', 'started_at'])
    .where('child_id', '=', childId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, kind: row.kind, startedAt: row.started_at };
}

/**
 * Children in the institution now. Taken under a transaction-scoped lock on the institution, so
 * two placements into its last bed are judged one after the other.
 */
export async function lockedOccupancy(trx: Trx, organisationId: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('placements:' || ${organisationId}))`.execute(trx);
  const row = await trx
    .selectFrom('placements')
    .where(systemScope('a count per institution; no child is read'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('ended_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How the child is counted in §4.2.1: confirmed categories, and unidentified without an ID number. */
export async function childKindsOf(trx: Trx, child: ScopedChild): Promise<string[]> {
  const rows = await trx
    .selectFrom('child_categories')
    .where(systemScope('the child read through childInScope by the caller'))
    .select('category')
    .where('child_id', '=', child.id)
    .where('state', '=', 'confirmed')
    .orderBy('category')
    .execute();
  const kinds: string[] = rows.map((r) => r.category);
  if (!child.identified) kinds.push('unidentified');
  return kinds.length > 0 ? kinds : ['uncategorised'];
}

export async function caseOfChild(trx: Trx, caseId: string, childId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('cases')
    .where(systemScope('the child read through childInScope by the caller'))
    .select('id')
    .where('id', '=', caseId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends an episode at the hand-over: the row the workflow locked through the scope. */
export async function closeEpisode(trx: Trx, id: string, endedAt: Date, reason: string): Promise<void> {
  await trx
    .updateTable('placements')
    .where(systemScope('the placement the workflow locked through childInScope'))
    .set({ ended_at: endedAt, end_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** The payload of the latest action of a type on an episode. */
export async function latestPayload(
  trx: Trx,
  placementId: string,
  type: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await trx
    .selectFrom('placement_actions')
    .where(systemScope('the placement the workflow locked through childInScope'))
    .select('payload')
    .where('placement_id', '=', placementId)
    .where('type', '=', type as never)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row?.payload;
}

export async function countActions(trx: Trx, placementId: string, type: string): Promise<number> {
  const row = await trx
    .selectFrom('placement_actions')
    .where(systemScope('the placement the workflow locked through childInScope'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('placement_id', '=', placementId)
    .where('type', '=', type as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function runningClock(
  trx: Db,
  placementId: string,
  rule: string,
): Promise<{ id: string; dueAt: Date } | undefined> {
  const row = await trx
    .selectFrom('clocks')
    .select(['id', 'due_at'])
    .where('subject_id', '=', placementId)
    .where('subject_type', '=', 'placement')
    .where('rule', '=', rule)
    .where('state', 'in', ['running', 'paused'])
    .executeTakeFirst();
  return row && { id: row.id, dueAt: row.due_at };
}
