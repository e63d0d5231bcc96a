import { type Kysely, sql, type Transaction } from 'kysely';
import type { ReassignChildInput } from '../../contract/grassroots/roster.js';
import { type ClockOwner, reassignClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { nearestPlaceBody } from '../../core/place-bodies.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { inJurisdiction, requireManage } from './access.js';
import './messages.js';
import './tables.js';

/* Who answers for each child: the residence village's director, reassignments, the reads visits make. */

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/**
 * Gives every active child without a responsible director the director of its residence village
 * (the earliest appointed when several cover it), recorded with the reason. Set-based; `villages`
 * limits it to some places. Returns the children assigned.
 */
export async function assignResidenceDirectors(
  trx: Trx,
  actor: Actor,
  at: Date,
  options: { villages?: readonly string[]; reason?: 'residence_village' | 'director_removed'; note?: string } = {},
): Promise<{ childId: string; staffId: string }[]> {
  const villages = options.villages;
  if (villages && villages.length === 0) return [];
  const day = sql`(${at}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
  const result = await sql<{ child_id: string; staff_id: string }>`
    INSERT INTO child_assignments (child_id, staff_id, from_at, reason, note, recorded_by)
    SELECT DISTINCT ON (c.id) c.id, s.id, ${at}::timestamptz, ${options.reason ?? 'residence_village'}, ${options.note ?? null}, ${actor.userId}
    FROM children c
    JOIN grassroots_postings p ON p.division_code = c.residence_code AND p.to_on IS NULL AND p.from_on <= ${day}
    JOIN grassroots_staff s ON s.id = p.staff_id AND s.status = 'active' AND s.post = 'village_director'
    WHERE c.status = 'active' AND c.merged_into IS NULL
      ${villages ? sql`AND c.residence_code IN (${sql.join([...villages])})` : sql``}
      AND NOT EXISTS (SELECT 1 FROM child_assignments a WHERE a.child_id = c.id AND a.to_at IS NULL)
    ORDER BY c.id, s.appointed_on, s.created_at
    ON CONFLICT (child_id) WHERE to_at IS NULL DO NOTHING
    RETURNING child_id, staff_id`.execute(trx);
  const rows = result.rows.map((r) => ({ childId: r.child_id, staffId: r.staff_id }));
  if (rows.length > 0 && rows.length <= 5000)
    await recordTimeline(
      trx,
      actor,
      rows.map((r) => ({
        childId: r.childId,
        kind: 'assignment.started',
        entityType: 'assignment',
        entityId: r.staffId,
        reason: options.note ?? null,
        details: { staffId: r.staffId, reason: options.reason ?? 'residence_village' },
        occurredAt: at,
      })),
    );
  return rows;
}

/** Ends the current assignments of a person's children (or of one child), with the reason; returns the children. */
export async function endAssignments(
  trx: Trx,
  where: { staffId?: string; childId?: string },
  at: Date,
  endedReason: 'reassigned' | 'director_removed',
): Promise<{ childId: string; staffId: string }[]> {
  if (!where.staffId && !where.childId) return [];
  const result = await sql<{ child_id: string; staff_id: string }>`
    UPDATE child_assignments SET to_at = ${at}::timestamptz, ended_reason = ${endedReason}
    WHERE to_at IS NULL
      ${where.staffId ? sql`AND staff_id = ${where.staffId}` : sql``}
      ${where.childId ? sql`AND child_id = ${where.childId}` : sql``}
    RETURNING child_id, staff_id`.execute(trx);
  return result.rows.map((r) => ({ childId: r.child_id, staffId: r.staff_id }));
}

/** Makes another director responsible for a child in my scope (the assignment I saw must still be current). */
export async function reassignChildIn(uow: UnitOfWork, childId: string, input: ReassignChildInput, at: Date) {
  const { trx, actor } = uow;
  requireManage(actor);
  const child = await trx
    .selectFrom('children')
    .select(['id'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'grassroots.child_entity'), childId);
  const current = await trx
    .selectFrom('child_assignments')
    .where(systemScope('the assignment of the child locked above through childInScope'))
    .select(['id', 'staff_id'])
    .where('child_id', '=', childId)
    .where('to_at', 'is', null)
    .executeTakeFirst();
  if ((current?.id ?? null) !== input.expectedAssignmentId)
    throw conflict('grassroots.assignment_changed', {}, [
      { path: 'body.expectedAssignmentId', code: 'grassroots.assignment_changed' },
    ]);
  const staff = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'division_code', 'post', 'status'])
    .where('id', '=', input.staffId)
    .executeTakeFirst();
  if (staff?.post !== 'village_director' || staff.status !== 'active' || !inJurisdiction(actor, staff.division_code))
    throw new DomainError('grassroots.director_unknown', 400, { id: input.staffId }, [
      { path: 'body.staffId', code: 'grassroots.director_unknown' },
    ]);
  if (current?.staff_id === staff.id) return current.id;
  if (current) await endAssignments(trx, { childId }, at, 'reassigned');
  // The child's visit and assessment clocks follow the director (core/clocks, audited there).
  if (current)
    await reassignClocks(uow, {
      childId,
      subjectTypes: ['visit', 'assessment'],
      ...(await owners(trx, current.staff_id, staff.id)),
      at,
    });
  const row = await trx
    .insertInto('child_assignments')
    .values({
      child_id: childId,
      staff_id: staff.id,
      from_at: at,
      reason: 'reassigned',
      note: input.reason,
      recorded_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, actor, {
    childId,
    kind: 'assignment.started',
    entityType: 'assignment',
    entityId: row.id,
    reason: input.reason,
    before: current ? { staffId: current.staff_id } : null,
    after: { staffId: staff.id },
    occurredAt: at,
  });
  uow.audit({ entityType: 'child_assignment', entityId: row.id, childId, details: { staffId: staff.id } });
  return row.id;
}

/** Who answers for a child's visits: its current director (roster entry and account), if any. */
export async function responsibleDirectorIn(
  trx: Trx | Db,
  childId: string,
): Promise<{ staffId: string; userId: string | null; organisationId: string; name: string } | null> {
  const row = await trx
    .selectFrom('child_assignments as a')
    .where(systemScope('keyed by a child the caller read through childInScope'))
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .select(['s.id', 's.user_id', 's.organisation_id', 's.name'])
    .where('a.child_id', '=', childId)
    .where('a.to_at', 'is', null)
    .where('s.status', '=', 'active')
    .executeTakeFirst();
  return row ? { staffId: row.id, userId: row.user_id, organisationId: row.organisation_id, name: row.name } : null;
}

/** The responsible directors of many children at once (a sweep's page), by child id; children without one are absent. */
export async function responsibleDirectorsIn(
  trx: Trx | Db,
  childIds: readonly string[],
): Promise<Map<string, { userId: string | null; organisationId: string }>> {
  if (childIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('child_assignments as a')
    .where(systemScope('keyed by children a sweep named'))
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .select(['a.child_id', 's.user_id', 's.organisation_id'])
    .where('a.child_id', 'in', [...childIds])
    .where('a.to_at', 'is', null)
    .where('s.status', '=', 'active')
    .execute();
  return new Map(rows.map((row) => [row.child_id, { userId: row.user_id, organisationId: row.organisation_id }]));
}

/** The active roster entry of a user in a post covering a place (a supervisor covers its township's villages). */
export async function rosterEntryCoveringIn(
  trx: Trx | Db,
  userId: string,
  divisionCode: string,
): Promise<{ staffId: string; post: string; name: string } | null> {
  const row = await trx
    .selectFrom('grassroots_staff as s')
    .innerJoin('grassroots_postings as p', 'p.staff_id', 's.id')
    .select(['s.id', 's.post', 's.name'])
    .where('s.user_id', '=', userId)
    .where('s.status', '=', 'active')
    .where('p.to_on', 'is', null)
    .where(sql<boolean>`starts_with(${divisionCode}, rtrim(p.division_code, '0'))`)
    .orderBy('s.post')
    .executeTakeFirst();
  return row ? { staffId: row.id, post: row.post, name: row.name } : null;
}

export async function reassignChild(db: Db, actor: Actor, childId: string, input: ReassignChildInput, key?: string) {
  const { replayed } = await unitOfWork(
    db,
    actor,
    'roster.reassign',
    (uow) => reassignChildIn(uow, childId, input, new Date()),
    key ? { key, request: { childId, ...input } } : undefined,
  );
  return { replayed };
}

/**
 * The clocks a child's responsible person owns (its visits and its assessments) follow the child when
 * it changes hands in bulk — a director removed, a village's first director appointed — as they do for
 * one reassignment: the core moves them (audited there), due time and escalation level kept. A child
 * left without a director passes to the nearest village committee, township or county bureau.
 */
export async function childClocksFollowIn(
  uow: UnitOfWork,
  moves: readonly { childId: string; from: ClockOwner; toStaffId: string | null }[],
  at: Date,
): Promise<number> {
  if (moves.length === 0) return 0;
  const staffIds = [...new Set(moves.flatMap((m) => (m.toStaffId ? [m.toStaffId] : [])))];
  const staff = staffIds.length
    ? await uow.trx
        .selectFrom('grassroots_staff')
        .select(['id', 'organisation_id', 'user_id'])
        .where('id', 'in', staffIds)
        .execute()
    : [];
  const places = await placeBodiesOf(
    uow.trx,
    moves.filter((m) => !m.toStaffId).map((m) => m.childId),
  );
  let moved = 0;
  for (const move of moves) {
    const director = staff.find((s) => s.id === move.toStaffId);
    const to = director
      ? { orgId: director.organisation_id, userId: director.user_id }
      : { orgId: places.get(move.childId) ?? null, userId: null };
    if (!to.orgId) continue;
    const clocks = await reassignClocks(uow, {
      childId: move.childId,
      subjectTypes: ['visit', 'assessment'],
      from: move.from,
      to: { orgId: to.orgId, userId: to.userId },
      at,
    });
    moved += clocks.length;
  }
  return moved;
}

/** The nearest village committee, township government or county (city) bureau of each child's residence. */
export async function placeBodiesOf(trx: Trx, childIds: readonly string[]): Promise<Map<string, string | null>> {
  if (childIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('children as c')
    .where(systemScope('children whose assignment the caller changed in this unit of work'))
    .select(['c.id', nearestPlaceBody('c.residence_code').as('place_org')])
    .where('c.id', 'in', [...childIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.place_org]));
}

/** The clock owners of two directors: their organisation, and their account (null: none). */
async function owners(trx: Trx, fromStaffId: string, toStaffId: string) {
  const rows = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'organisation_id', 'user_id'])
    .where('id', 'in', [fromStaffId, toStaffId])
    .execute();
  const ownerOf = (id: string) => {
    const row = rows.find((r) => r.id === id)!;
    return { orgId: row.organisation_id, userId: row.user_id };
  };
  return { from: ownerOf(fromStaffId), to: ownerOf(toStaffId) };
}
