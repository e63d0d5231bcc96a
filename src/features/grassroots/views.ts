import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { AssignmentHistory, RosterList, StaffView } from '../../contract/grassroots/roster.js';
import { levelOf, subtreePrefix } from '../../core/places.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './tables.js';

type Db = Kysely<Database>;

/** A place column inside the actor's jurisdiction (the roster is read by place, like children). */
export function placeInJurisdiction(actor: Actor, column: string): Expression<SqlBool> {
  if (actor.kind === 'system') return sql<SqlBool>`true`;
  if (actor.jurisdiction.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    actor.jurisdiction.map((code) => sql`${sql.ref(column)} LIKE ${`${subtreePrefix(code)}%`}`),
    sql` OR `,
  )})`;
}

const day = (value: string | Date | null) => (value === null ? null : String(value).slice(0, 10));

async function present(db: Db, actor: Actor, ids: readonly string[]): Promise<StaffView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('grassroots_staff as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select('o.name as organisation_name')
    .where('s.id', 'in', [...ids])
    .execute();
  const postings = await db
    .selectFrom('grassroots_postings as p')
    .leftJoin('divisions as d', 'd.code', 'p.division_code')
    .select(['p.staff_id', 'p.division_code', 'd.name', 'p.from_on', 'p.to_on', 'p.reason'])
    .where('p.staff_id', 'in', [...ids])
    .orderBy('p.from_on')
    .execute();
  const counts = await db
    .selectFrom('child_assignments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .select(['a.staff_id', sql<number>`count(*)::int`.as('n')])
    .where('a.staff_id', 'in', [...ids])
    .where('a.to_at', 'is', null)
    .groupBy('a.staff_id')
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((s) => ({
      id: s.id,
      post: s.post,
      name: s.name,
      userId: s.user_id,
      organisationId: s.organisation_id,
      organisationName: s.organisation_name,
      divisionCode: s.division_code,
      phone: s.phone,
      employment: s.employment,
      otherDuties: s.other_duties,
      trainingHours: Number(s.training_hours),
      status: s.status,
      appointedOn: day(s.appointed_on)!,
      removedOn: day(s.removed_on),
      removalReason: s.removal_reason,
      version: s.version,
      postings: postings
        .filter((p) => p.staff_id === s.id)
        .map((p) => ({
          divisionCode: p.division_code,
          divisionName: p.name,
          fromOn: day(p.from_on)!,
          toOn: day(p.to_on),
          reason: p.reason,
        })),
      childrenAssigned: counts.find((c) => c.staff_id === s.id)?.n ?? 0,
    }));
}

export async function readStaff(db: Db, actor: Actor, id: string): Promise<StaffView> {
  const found = await db
    .selectFrom('grassroots_staff')
    .select('id')
    .where('id', '=', id)
    .where(placeInJurisdiction(actor, 'division_code'))
    .executeTakeFirst();
  if (!found) throw notFound(translate(actor.locale, 'grassroots.entity'), id);
  return (await present(db, actor, [id]))[0]!;
}

export async function listRoster(
  db: Db,
  actor: Actor,
  query: { post?: StaffView['post']; status?: StaffView['status']; divisionCode?: string },
): Promise<RosterList> {
  let q = db
    .selectFrom('grassroots_staff')
    .select('id')
    .where(placeInJurisdiction(actor, 'division_code'))
    .orderBy('division_code')
    .orderBy('post')
    .orderBy('name')
    .limit(500);
  if (query.post) q = q.where('post', '=', query.post);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.divisionCode && !levelOf(query.divisionCode))
    throw new DomainError('grassroots.place_unfit', 400, { code: query.divisionCode, post: '-' }, [
      { path: 'querystring.divisionCode', code: 'grassroots.place_unfit', params: { code: query.divisionCode } },
    ]);
  if (query.divisionCode) q = q.where('division_code', 'like', `${subtreePrefix(query.divisionCode)}%`);
  const ids = (await q.execute()).map((r) => r.id);
  return { items: await present(db, actor, ids), total: ids.length };
}

/** Who answered for a child, now and before (the child must be in my scope). */
export async function assignmentHistory(db: Db, actor: Actor, childId: string): Promise<AssignmentHistory> {
  const child = await db
    .selectFrom('children')
    .select('id')
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'grassroots.child_entity'), childId);
  const rows = await db
    .selectFrom('child_assignments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .select(['a.id', 'a.staff_id', 's.name', 'a.from_at', 'a.to_at', 'a.reason', 'a.note', 'a.ended_reason'])
    .where('a.child_id', '=', childId)
    .orderBy('a.from_at', 'desc')
    .execute();
  const history = rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    staffName: r.name,
    fromAt: new Date(r.from_at).toISOString(),
    toAt: r.to_at ? new Date(r.to_at).toISOString() : null,
    reason: r.reason,
    note: r.note,
    endedReason: r.ended_reason,
  }));
  return { current: history.find((h) => h.toAt === null) ?? null, history };
}
