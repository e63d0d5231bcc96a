import { clocksEscalatedToActor, escalatedToActor, escalationLevelOf } from '../../core/clocks/index.js';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { VisitDue, VisitView } from '../../contract/visits/visits.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { carerOf, guardiansOf } from './facts.js';
import type { HomeVisitsTable } from './tables.js';
import '../../core/clocks/tables.js';

type Db = Kysely<Database>;
const none = '00000000-0000-0000-0000-000000000000';

function present(v: Selectable<HomeVisitsTable>): VisitView {
  return {
    id: v.id,
    childId: v.child_id,
    visitedOn: String(v.visited_on),
    kind: v.kind,
    visitorName: v.visitor_name,
    respondentName: v.respondent_name,
    respondentRelation: v.respondent_relation,
    lastParentContactOn: v.last_parent_contact_on,
    schooling: v.schooling,
    keyAttention: v.key_attention,
    findings: v.findings,
    suggestions: v.suggestions,
    riskGrade: v.risk_grade,
    nextDueOn: v.next_due_on,
    version: v.version,
    createdAt: new Date(v.created_at).toISOString(),
  };
}

export async function readVisit(db: Db, actor: Actor, id: string): Promise<VisitView> {
  const visit = await db
    .selectFrom('home_visits')
    .innerJoin('children', 'children.id', 'home_visits.child_id')
    .where(childInScope(actor))
    .selectAll('home_visits')
    .where('home_visits.id', '=', id)
    .executeTakeFirst();
  if (!visit) throw notFound(translate(actor.locale, 'visits.entity'), id);
  return present(visit);
}

/** A child's visits, newest first (the child in my scope, else 404). */
export async function listVisits(db: Db, actor: Actor, childId: string): Promise<{ items: VisitView[] }> {
  const child = await db
    .selectFrom('children')
    .select('id')
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'visits.child_entity'), childId);
  const rows = await db
    .selectFrom('home_visits')
    .innerJoin('children', 'children.id', 'home_visits.child_id')
    .where(childInScope(actor))
    .selectAll('home_visits')
    .where('home_visits.child_id', '=', childId)
    .orderBy('home_visits.visited_on', 'desc')
    .orderBy('home_visits.created_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(present) };
}

/**
 * Children due a visit within `withinDays`, overdue first: those I answer for as their director,
 * and those whose missed visit was escalated to my organisation (and a role I hold) — the
 * supervisor and the county see a child once the chain reached them. Always inside my scope.
 */
export async function visitsDueFor(db: Db, actor: Actor, now: Date, withinDays: number): Promise<VisitDue[]> {
  const userId = actor.userId ?? none;
  const horizon = new Date(now.getTime() + withinDays * 86_400_000);
  const escalated = escalatedToActor(actor);
  const mine = sql<boolean>`EXISTS (SELECT 1 FROM child_assignments a JOIN grassroots_staff s ON s.id = a.staff_id
      WHERE a.child_id = children.id AND a.to_at IS NULL AND s.status = 'active' AND s.user_id = ${userId})`;
  // The candidates first (my assigned children's visit clocks, the clocks escalated to me), then the
  // rows: filtering every running visit clock in scope by the two EXISTS took 6 s at 1M (benchmark 12).
  const candidates = db
    .selectFrom('child_assignments as a')
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .innerJoin('clocks as assigned', (join) =>
      join
        .onRef('assigned.child_id', '=', 'a.child_id')
        .on('assigned.subject_type', '=', 'visit')
        .on('assigned.state', '=', 'running'),
    )
    .select('assigned.id')
    .where('s.user_id', '=', userId)
    .where('s.status', '=', 'active')
    .where('a.to_at', 'is', null)
    .where('assigned.due_at', '<', horizon)
    .where(systemScope('candidate clock ids only: the rows below are read through childInScope'))
    .union(clocksEscalatedToActor(db, actor));
  const rows = await db
    .selectFrom('clocks as k')
    .innerJoin('children', 'children.id', 'k.child_id')
    .where(childInScope(actor))
    .select([
      'k.id',
      'k.rule',
      'k.due_at',
      escalationLevelOf('k.id'),
      'children.id as child_id',
      'children.name',
      'children.residence_code',
      'children.risk_grade',
      'children.school',
      'children.grade',
      guardiansOf(sql.ref<string>('children.id')).as('guardians'),
      carerOf(sql.ref<string>('children.id')).as('carer'),
      mine.as('mine'),
      sql<boolean>`EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = children.id AND cc.category = 'left_behind' AND cc.state = 'confirmed')`.as(
        'left_behind',
      ),
      sql<string | null>`(SELECT max(visited_on)::text FROM home_visits v WHERE v.child_id = children.id)`.as('last'),
      sql<string | null>`(SELECT v.id FROM home_visits v WHERE v.child_id = children.id
          ORDER BY v.created_at DESC, v.id DESC LIMIT 1)`.as('last_id'),
    ])
    .where('k.id', 'in', candidates)
    .where('k.subject_type', '=', 'visit')
    .where('k.state', '=', 'running')
    .where('children.status', '=', 'active')
    .where((eb) => eb.or([eb('k.due_at', '<', horizon), escalated]))
    .where((eb) => eb.or([mine, escalated]))
    .orderBy('k.due_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    clockId: r.id,
    rule: r.rule as VisitDue['rule'],
    childId: r.child_id,
    childName: r.name,
    divisionCode: r.residence_code,
    riskGrade: r.risk_grade,
    leftBehind: r.left_behind,
    dueAt: r.due_at.toISOString(),
    overdue: r.due_at < now,
    escalationLevel: r.escalation_level,
    basis: r.mine ? 'assigned' : 'escalated',
    lastVisitedOn: r.last,
    lastVisitId: r.last_id,
    facts: { school: r.school, grade: r.grade, guardians: r.guardians, carer: r.carer, riskGrade: r.risk_grade },
  }));
}
