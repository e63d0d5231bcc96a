import { type Kysely, sql, type Transaction } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import type { PlacementKind } from '../../contract/placements/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { performAction } from '../../core/workflow/perform.js';
import { beginEpisode } from './episode.js';
import {
  type ChildPlacement,
  type ActedOnPlacement,
  type PlaceValues,
  type PlacementStatus,
  type PlacementAction,
  type PlacementView,
  placeSchema,
  placementActionSchema,
} from './model.js';
import { childInScopeById, currentPlacementId } from './store.js';
import { placementsOfChild, readPlacement } from './view.js';
import { placementWorkflow } from './workflow.js';
import './tracing/tables.js';

export { institutionOccupancy, occupancyHistory, overflowingInstitutionsIn, receptions } from './insight.js';
export { finishedStaysBetween } from './insight-reads.js';

type Db = Kysely<Database>;

const childNotFound = (actor: Actor, id: string) => notFound(translate(actor.locale, 'placements.child_entity'), id);

/**
 * Places a child who has no current placement (a first placement, or after the last one ended).
 * A child already placed is moved with `transfer`, never placed twice: the application says so,
 * and the database's exclusion constraint refuses an overlap the application could not see (a
 * concurrent placement not yet committed).
 */
export async function placeChildIn(
  uow: UnitOfWork,
  childId: string,
  body: PlaceValues,
  at: Date,
): Promise<{ placementId: string }> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'placements.act')) throw forbidden('placements.act');
  const input = placeSchema.parse(body);
  const child = await childInScopeById(trx, actor, childId);
  if (!child) throw childNotFound(actor, childId);
  const startedAt = input.startedAt ? new Date(input.startedAt) : at;
  if (startedAt.getTime() > at.getTime())
    throw new DomainError('placements.in_future', 400, { field: 'body.startedAt', at: input.startedAt ?? '' }, [
      { path: 'body.startedAt', code: 'placements.in_future' },
    ]);
  const current = await currentPlacementId(trx, childId);
  if (current)
    throw new DomainError('placements.already_placed', 409, {
      kind: current.kind,
      since: current.startedAt.toISOString().slice(0, 10),
    });
  const placementId = await beginEpisode(uow, { child, input, startedAt, at, path: 'body' });
  return { placementId };
}

export async function placeChild(
  db: Db,
  actor: Actor,
  childId: string,
  body: PlaceValues,
  idempotencyKey?: string,
): Promise<{ view: ChildPlacement; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    'placement.place',
    (uow) => placeChildIn(uow, childId, body, new Date()),
    idempotencyKey ? { key: `place:${childId}:${idempotencyKey}`, request: body } : undefined,
  );
  return { view: await childPlacementOf(db, actor, childId), replayed };
}

/**
 * One action on an episode, run by the workflow engine: permission, the episode through the
 * child's scope, the version the caller saw, the status table, four eyes, effects (a transfer ends
 * this episode and starts the next in the same unit of work), the append, the timeline, the audit.
 */
export async function actOnPlacementIn(
  uow: UnitOfWork,
  placementId: string,
  input: PlacementAction,
  at: Date,
): Promise<{ seq: number; status: PlacementStatus }> {
  return performAction(uow, placementWorkflow, placementId, placementActionSchema.parse(input), at);
}

export async function actOnPlacement(
  db: Db,
  actor: Actor,
  placementId: string,
  input: PlacementAction,
  idempotencyKey?: string,
): Promise<{ answer: ActedOnPlacement; replayed: boolean }> {
  const at = new Date();
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    `placement.${input.type}`,
    (uow) => actOnPlacementIn(uow, placementId, input, at),
    idempotencyKey ? { key: `${placementId}:${idempotencyKey}`, request: input } : undefined,
  );
  // After a hand-over the asker may no longer see the child (the station hands the file over): null.
  const placement = (await readPlacement(db, actor, placementId)) ?? null;
  return { answer: { id: placementId, seq: result.seq, status: result.status, placement }, replayed };
}

/** The current episode of a child in the caller's scope, for another feature's use case (a case's file). */
export async function currentPlacementIn(uow: UnitOfWork, childId: string): Promise<PlacementView | null> {
  if (!(await childInScopeById(uow.trx, uow.actor, childId))) throw childNotFound(uow.actor, childId);
  return (await placementsOfChild(uow.trx, uow.actor, childId)).current;
}

async function childPlacementOf(db: Db, actor: Actor, childId: string): Promise<ChildPlacement> {
  const { current, history } = await placementsOfChild(db, actor, childId);
  return { childId, current, history, canPlace: current === null && hasPermission(actor, 'placements.act') };
}

/** Where the child is now and under whose care (the top of the file), and the episodes before. Audited. */
export async function readChildPlacement(db: Db, actor: Actor, childId: string): Promise<ChildPlacement> {
  const child = await childInScopeById(db, actor, childId);
  if (!child) {
    await recordAudit(db, actor, {
      action: 'placements.read',
      entityType: 'child',
      entityId: childId,
      outcome: 'denied',
      details: { reason: 'not_found_or_out_of_scope' },
    });
    throw childNotFound(actor, childId);
  }
  const view = await childPlacementOf(db, actor, childId);
  await recordAudit(db, actor, { action: 'placements.read', entityType: 'child', entityId: childId, childId });
  return view;
}

/** One episode with its log and clocks. Audited. */
export async function readPlacementFile(db: Db, actor: Actor, placementId: string): Promise<PlacementView> {
  const view = await readPlacement(db, actor, placementId);
  if (!view) {
    await recordAudit(db, actor, {
      action: 'placements.read',
      entityType: 'placement',
      entityId: placementId,
      outcome: 'denied',
      details: { reason: 'not_found_or_out_of_scope' },
    });
    throw notFound(translate(actor.locale, 'placements.entity'), placementId);
  }
  await recordAudit(db, actor, {
    action: 'placements.read',
    entityType: 'placement',
    entityId: placementId,
    childId: view.childId,
  });
  return view;
}

/**
 * The child of a placement episode the actor sees (through the child's scope), for another feature
 * linking to the episode (a hand-over record among the documents); undefined when missing or out of scope.
 */
export async function placementChildIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  placementId: string,
): Promise<{ placementId: string; childId: string } | undefined> {
  const row = await db
    .selectFrom('placements')
    .innerJoin('children', 'children.id', 'placements.child_id')
    .select(['placements.id', 'placements.child_id'])
    .where('placements.id', '=', placementId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row ? { placementId: row.id, childId: row.child_id } : undefined;
}

/** The child a tracing request is about, when the actor may see it (its photos are documents of the file). */
export async function tracingChildIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  tracingId: string,
): Promise<{ tracingId: string; childId: string } | undefined> {
  const row = await db
    .selectFrom('tracing_requests')
    .innerJoin('children', 'children.id', 'tracing_requests.child_id')
    .select(['tracing_requests.id', 'tracing_requests.child_id'])
    .where('tracing_requests.id', '=', tracingId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row ? { tracingId: row.id, childId: row.child_id } : undefined;
}

export interface RunningPlacements {
  divisionCode: string;
  kind: PlacementKind;
  children: number;
  stayDays: number;
  pastTenDays: number;
  /** Placed under temporary or long-term state guardianship (the placement's guardianship type). */
  stateGuardianship: number;
}

/**
 * Placements running at `at` for the insight snapshots (counts only): per placement division and
 * kind, the children placed, the days they have stayed so far, how many have stayed past 10 days,
 * and how many are under state guardianship. Read in the order of `placements_stay_idx` (0200),
 * which carries every column read here: a grouped aggregate over the index, not a hash of every
 * division and kind over the table (a full count every snapshot run; 3.5 s at 1M before it).
 */
export async function placementsRunningAt(
  db: Kysely<Database> | Transaction<Database>,
  at: Date,
): Promise<RunningPlacements[]> {
  const { rows } = await sql<RunningPlacements>`
    SELECT division_code AS "divisionCode", kind, count(*)::int AS children,
      floor(sum(extract(epoch FROM ${at}::timestamptz - started_at) / 86400))::int AS "stayDays",
      count(*) FILTER (WHERE started_at <= ${at}::timestamptz - interval '10 days')::int AS "pastTenDays",
      count(*) FILTER (WHERE guardianship_type IN ('state_temporary', 'state_long_term'))::int AS "stateGuardianship"
    FROM placements
    WHERE started_at <= ${at} AND (ended_at IS NULL OR ended_at > ${at})
      AND ${systemScope('insight snapshot: placements are counted, no child is named')}
    GROUP BY 1, 2`.execute(db);
  return rows;
}
