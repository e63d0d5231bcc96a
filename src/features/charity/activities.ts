import { type Kysely, sql } from 'kysely';
import type {
  ActivityView,
  CreateActivityInput,
  MatchVolunteerInput,
  RecordActivityHoursInput,
} from '../../contract/charity/activities.js';
import { isWithin } from '../../core/places.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { projectOfActivityIn, projectTitlesIn, recordVolunteerHoursIn } from '../projects/service.js';
import { activityVisibleTo, requireCharity } from './access.js';
import { charityRules } from './rule-sections.js';
import { checkStateOf } from './rules.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | UnitOfWork['trx'];
const entity = (actor: Actor) => translate(actor.locale, 'charity.activity_entity');
const refuse = (code: string, status: number, path: string, params: Record<string, string | number> = {}) =>
  new DomainError(code, status, params, [{ path, code }]);

/** An activity of my organisation (404 for anyone else's, exactly like a missing one). */
async function requireActivity(trx: Db, actor: Actor, id: string, lock = false) {
  let query = trx.selectFrom('volunteer_activities').selectAll().where('id', '=', id).where(activityVisibleTo(actor));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(entity(actor), id);
  return row;
}

/** A group event of my organisation, inside its area; hours count toward a project it provides when named. */
export async function createActivityIn(uow: UnitOfWork, input: CreateActivityInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  const organisationId = requireCharity(actor);
  if (!actor.jurisdiction.some((area) => isWithin(input.divisionCode, area)))
    throw refuse('charity.activity_outside', 422, 'body.divisionCode', { code: input.divisionCode });
  const division = await trx
    .selectFrom('divisions')
    .select('code')
    .where('code', '=', input.divisionCode)
    .executeTakeFirst();
  if (!division) throw refuse('charity.activity_outside', 422, 'body.divisionCode', { code: input.divisionCode });
  const project = input.projectId ? await projectOfActivityIn(trx, actor, input.projectId) : null;
  const { id } = await trx
    .insertInto('volunteer_activities')
    .values({
      organisation_id: organisationId,
      project_id: project?.id ?? null,
      title: input.title,
      held_on: input.heldOn,
      division_code: input.divisionCode,
      place: input.place || null,
      skills: input.skills,
      places: input.places,
      age_from: input.ageFrom ?? null,
      age_to: input.ageTo ?? null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({
    entityType: 'activity',
    entityId: id,
    details: { heldOn: input.heldOn, projectId: project?.id ?? null },
  });
  return id;
}

/**
 * Matches one of my volunteers to the activity: once (409), while places remain (409), and only with a
 * criminal-record check valid today and still on the day of the activity (409 naming the expiry).
 */
export async function matchVolunteerIn(uow: UnitOfWork, id: string, input: MatchVolunteerInput, at: Date) {
  const { trx, actor } = uow;
  requireCharity(actor);
  const activity = await requireActivity(trx, actor, id, true);
  const volunteer = await trx
    .selectFrom('volunteers')
    .select(['id', 'name', 'check_expires_on'])
    .where('id', '=', input.volunteerId)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (!volunteer) throw notFound(translate(actor.locale, 'charity.volunteer_entity'), input.volunteerId);
  const matched = await trx
    .selectFrom('activity_volunteers')
    .select(['volunteer_id'])
    .where('activity_id', '=', id)
    .execute();
  if (matched.some((m) => m.volunteer_id === volunteer.id))
    throw refuse('charity.volunteer_matched', 409, 'body.volunteerId', { name: volunteer.name });
  if (matched.length >= activity.places)
    throw refuse('charity.activity_full', 409, 'body.volunteerId', { places: activity.places });
  const today = shanghaiDateOf(at);
  const heldOn = String(activity.held_on);
  const expiresOn = volunteer.check_expires_on === null ? null : String(volunteer.check_expires_on);
  const rules = (await ruleSetFor(trx, activity.division_code, today)).get(charityRules);
  const state = checkStateOf(expiresOn, today, rules.checkWarnDays);
  if (state === 'missing')
    throw refuse('charity.volunteer_unchecked', 409, 'body.volunteerId', { name: volunteer.name });
  if (state === 'expired')
    throw refuse('charity.volunteer_check_expired', 409, 'body.volunteerId', {
      name: volunteer.name,
      expiresOn: String(expiresOn),
    });
  if (expiresOn !== null && expiresOn <= heldOn)
    throw refuse('charity.volunteer_check_lapses', 409, 'body.volunteerId', {
      name: volunteer.name,
      expiresOn,
      heldOn,
    });
  await updateVersioned(trx, {
    table: 'volunteer_activities',
    entity: entity(actor),
    id,
    expectedVersion: input.expectedVersion,
    values: {},
  });
  await trx
    .insertInto('activity_volunteers')
    .values({ activity_id: id, volunteer_id: volunteer.id, matched_at: at, matched_by: actor.userId })
    .execute();
  uow.audit({ entityType: 'activity', entityId: id, details: { matched: volunteer.id } });
}

/**
 * After the day: the hours each matched volunteer served (once each). They add to the volunteer's
 * hours and, for an activity of a project, to the project's ledger (counted inside its period and area).
 */
export async function recordActivityHoursIn(uow: UnitOfWork, id: string, input: RecordActivityHoursInput, at: Date) {
  const { trx, actor } = uow;
  requireCharity(actor);
  const activity = await requireActivity(trx, actor, id, true);
  const heldOn = String(activity.held_on);
  if (heldOn > shanghaiDateOf(at)) throw refuse('charity.activity_not_held', 422, 'body.hours', { heldOn });
  const matched = await trx
    .selectFrom('activity_volunteers')
    .innerJoin('volunteers', 'volunteers.id', 'activity_volunteers.volunteer_id')
    .select(['volunteer_id', 'name', 'activity_volunteers.hours'])
    .where('activity_id', '=', id)
    .execute();
  const seen = new Set<string>();
  for (const [index, entry] of input.hours.entries()) {
    const match = matched.find((m) => m.volunteer_id === entry.volunteerId);
    const path = `body.hours.${index}.volunteerId`;
    if (!match || seen.has(entry.volunteerId)) throw refuse('charity.volunteer_not_matched', 422, path);
    if (match.hours !== null)
      throw refuse('charity.hours_recorded', 409, path, { name: match.name, hours: match.hours });
    seen.add(entry.volunteerId);
  }
  await updateVersioned(trx, {
    table: 'volunteer_activities',
    entity: entity(actor),
    id,
    expectedVersion: input.expectedVersion,
    values: {},
  });
  for (const entry of input.hours) {
    await trx
      .updateTable('activity_volunteers')
      .set({ hours: entry.hours, hours_recorded_at: at })
      .where('activity_id', '=', id)
      .where('volunteer_id', '=', entry.volunteerId)
      .execute();
    await trx
      .updateTable('volunteers')
      .set({ hours: sql`hours + ${entry.hours}`, version: sql`version + 1`, updated_at: at })
      .where('id', '=', entry.volunteerId)
      .where('organisation_id', '=', actor.organisationId)
      .execute();
  }
  if (activity.project_id)
    await recordVolunteerHoursIn(uow, {
      projectId: activity.project_id,
      activityId: id,
      heldOn,
      divisionCode: activity.division_code,
      hours: input.hours,
    });
  uow.audit({ entityType: 'activity', entityId: id, details: { hours: input.hours } });
}

/** My organisation's activities, the coming ones first then the past, with matches and candidates. */
export async function listActivities(db: Db, actor: Actor, only?: string): Promise<ActivityView[]> {
  requireCharity(actor);
  let query = db
    .selectFrom('volunteer_activities as a')
    .leftJoin('divisions', 'divisions.code', 'a.division_code')
    .selectAll('a')
    .select(['divisions.name as division_name'])
    .where(activityVisibleTo(actor, 'a'))
    .orderBy('a.held_on', 'desc')
    .limit(200);
  if (only) query = query.where('a.id', '=', only);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const matches = await db
    .selectFrom('activity_volunteers')
    .innerJoin('volunteers', 'volunteers.id', 'activity_volunteers.volunteer_id')
    .select(['activity_id', 'volunteer_id', 'name', 'activity_volunteers.hours', 'matched_at'])
    .where(
      'activity_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('matched_at')
    .execute();
  const volunteers = await db
    .selectFrom('volunteers')
    .select(['id', 'name', 'skills', 'availability', 'check_expires_on'])
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('name')
    .execute();
  const projects = await projectTitlesIn(
    db,
    actor,
    rows.flatMap((r) => (r.project_id ? [r.project_id] : [])),
  );
  const today = shanghaiDateOf(new Date());
  return rows.map((r) => {
    const mine = matches.filter((m) => m.activity_id === r.id);
    const candidates = volunteers
      .filter((v) => !mine.some((m) => m.volunteer_id === v.id))
      .map((v) => {
        const expires = v.check_expires_on === null ? null : String(v.check_expires_on);
        return {
          volunteerId: v.id,
          name: v.name,
          skillsMatched: v.skills.filter((s) => r.skills.includes(s)),
          availability: v.availability,
          check: checkStateOf(expires, today),
          checkExpiresOn: expires,
        };
      })
      .sort(
        (a, b) =>
          Number(b.check !== 'expired' && b.check !== 'missing') -
            Number(a.check !== 'expired' && a.check !== 'missing') || b.skillsMatched.length - a.skillsMatched.length,
      );
    return {
      id: r.id,
      version: r.version,
      title: r.title,
      heldOn: String(r.held_on),
      divisionCode: r.division_code,
      divisionName: r.division_name ?? r.division_code,
      place: r.place,
      skills: r.skills,
      places: r.places,
      ageFrom: r.age_from,
      ageTo: r.age_to,
      project: r.project_id ? { id: r.project_id, title: projects.get(r.project_id) ?? '' } : null,
      held: String(r.held_on) <= today,
      matched: mine.map((m) => ({
        volunteerId: m.volunteer_id,
        name: m.name,
        hours: m.hours,
        matchedAt: new Date(m.matched_at).toISOString(),
      })),
      candidates,
    };
  });
}

export async function readActivity(db: Db, actor: Actor, id: string): Promise<ActivityView> {
  const [view] = await listActivities(db, actor, id);
  if (!view) throw notFound(entity(actor), id);
  return view;
}
