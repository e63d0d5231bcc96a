import { clocksEscalatedToActor, escalatedToActor, escalationLevelOf } from '../../core/clocks/index.js';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { EntrustedCareView, EntrustedContactDue } from '../../contract/visits/entrusted-care.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { fileAccessOf } from '../../core/scope/participation.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { EntrustedCareTable } from './entrusted-tables.js';
import '../../core/clocks/tables.js';
import './entrusted-tables.js';

type Db = Kysely<Database>;
const none = '00000000-0000-0000-0000-000000000000';

type Clock = { due_at: Date; escalation_level: number } | undefined;

function present(care: Selectable<EntrustedCareTable>, clock: Clock, now: Date): Omit<EntrustedCareView, 'contacts'> {
  return {
    id: care.id,
    childId: care.child_id,
    carerName: care.carer_name,
    carerRelation: care.carer_relation,
    carerPhone: care.carer_phone,
    capacity: care.capacity,
    capacityNote: care.capacity_note,
    startedOn: care.started_on,
    noticeSchoolOn: care.notice_school_on,
    noticeVillageOn: care.notice_village_on,
    endedOn: care.ended_on,
    endedReason: care.ended_reason,
    version: care.version,
    nextContactDueAt: clock ? clock.due_at.toISOString() : null,
    contactOverdue: clock ? clock.due_at < now : false,
    escalationLevel: clock?.escalation_level ?? 0,
  };
}

/** A child's entrusted care: the current one with its contacts and contact clock, and the earlier ones (child in my scope, else 404). */
export async function readEntrustedCare(db: Db, actor: Actor, childId: string, now = new Date()) {
  const today = shanghaiDateOf(now);
  const child = await db
    .selectFrom('children')
    .select([
      'id',
      'name',
      sql<boolean>`EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = children.id
        AND cc.category = 'left_behind' AND cc.state = 'confirmed' AND (cc.end_date IS NULL OR cc.end_date > ${today}))`.as(
        'left_behind',
      ),
    ])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'visits.child_entity'), childId);
  // Need-to-know: the carer, the parents' contacts are the family's part of the file; a partner
  // shown only other parts (a referral's) finds no care here, as if the child were not there.
  const access = await fileAccessOf(db, actor, childId);
  if (access !== 'whole' && !access.has('family'))
    throw notFound(translate(actor.locale, 'visits.child_entity'), childId);
  const about = { childId: child.id, childName: child.name, leftBehind: child.left_behind };
  const cares = await db
    .selectFrom('entrusted_care')
    .innerJoin('children', 'children.id', 'entrusted_care.child_id')
    .where(childInScope(actor))
    .selectAll('entrusted_care')
    .where('entrusted_care.child_id', '=', childId)
    .orderBy('entrusted_care.started_on', 'desc')
    .orderBy('entrusted_care.created_at', 'desc')
    .limit(50)
    .execute();
  const current = cares.find((c) => c.ended_on === null);
  const earlier = cares.filter((c) => c !== current).map((c) => present(c, undefined, now));
  if (!current) return { ...about, current: null, earlier };
  const clock = await db
    .selectFrom('clocks as k')
    .innerJoin('children', 'children.id', 'k.child_id')
    .where(childInScope(actor))
    .select(['k.due_at', escalationLevelOf('k.id')])
    .where('k.subject_type', '=', 'entrusted_care')
    .where('k.subject_id', '=', current.id)
    .where('k.rule', '=', 'entrusted.contact')
    .where('k.state', '=', 'running')
    .executeTakeFirst();
  const contacts = await db
    .selectFrom('entrusted_care_contacts as e')
    .innerJoin('children', 'children.id', 'e.child_id')
    .where(childInScope(actor))
    .select(['e.id', 'e.contacted_on', 'e.parent', 'e.channel', 'e.note', 'e.created_at'])
    .where('e.care_id', '=', current.id)
    .orderBy('e.contacted_on', 'desc')
    .orderBy('e.created_at', 'desc')
    .limit(100)
    .execute();
  return {
    ...about,
    current: {
      ...present(current, clock, now),
      contacts: contacts.map((c) => ({
        id: c.id,
        contactedOn: c.contacted_on,
        parent: c.parent,
        channel: c.channel,
        note: c.note,
        createdAt: new Date(c.created_at).toISOString(),
      })),
    },
    earlier,
  };
}

/**
 * Entrusted cares whose parent contact or written notice is due within `withinDays`, overdue first:
 * children I direct, and those whose missed contact was escalated to my organisation (and a role I
 * hold) — the supervisor, then the county, see a child once the chain reached them. In my scope.
 */
export async function entrustedDueFor(
  db: Db,
  actor: Actor,
  now: Date,
  withinDays: number,
): Promise<EntrustedContactDue[]> {
  const userId = actor.userId ?? none;
  const horizon = new Date(now.getTime() + withinDays * 86_400_000);
  const escalated = escalatedToActor(actor);
  const mine = sql<boolean>`(k.owner_user_id = ${userId})`;
  // The candidates first (the contact clocks I own, due within the horizon, and the clocks escalated
  // to me), then the rows, as the visits due list does: not every running clock in scope filtered.
  const candidates = db
    .selectFrom('clocks as own')
    .select('own.id')
    .where(systemScope('candidate clock ids only: the rows below are read through childInScope'))
    .where('own.owner_user_id', '=', userId)
    .where('own.state', '=', 'running')
    .where('own.subject_type', '=', 'entrusted_care')
    .where('own.due_at', '<', horizon)
    .union(clocksEscalatedToActor(db, actor));
  const rows = await db
    .selectFrom('clocks as k')
    .innerJoin('children', 'children.id', 'k.child_id')
    .innerJoin('entrusted_care as e', 'e.id', 'k.subject_id')
    .where(childInScope(actor))
    .select([
      'k.id',
      'k.rule',
      'k.due_at',
      escalationLevelOf('k.id'),
      'e.id as care_id',
      'e.carer_name',
      'children.id as child_id',
      'children.name',
      'children.residence_code',
      mine.as('mine'),
      sql<string | null>`(SELECT max(c.contacted_on)::text FROM entrusted_care_contacts c WHERE c.care_id = e.id)`.as(
        'last',
      ),
    ])
    .where('k.id', 'in', candidates)
    .where('k.subject_type', '=', 'entrusted_care')
    .where('k.state', '=', 'running')
    .where('e.ended_on', 'is', null)
    .where('children.status', '=', 'active')
    .where((eb) => eb.or([eb('k.due_at', '<', horizon), escalated]))
    .where((eb) => eb.or([mine, escalated]))
    .orderBy('k.due_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    clockId: r.id,
    rule: r.rule as EntrustedContactDue['rule'],
    careId: r.care_id,
    childId: r.child_id,
    childName: r.name,
    divisionCode: r.residence_code,
    carerName: r.carer_name,
    dueAt: r.due_at.toISOString(),
    overdue: r.due_at < now,
    escalationLevel: r.escalation_level,
    basis: r.mine ? 'assigned' : 'escalated',
    lastContactOn: r.last,
  }));
}
