import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { projectVisibleTo } from './access.js';
import { requireProject } from './guards.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The project an activity of my organisation belongs to: read through the project's scope (404
 * outside it), and only one my organisation provides (422 naming it otherwise).
 */
export async function projectOfActivityIn(
  trx: Db,
  actor: Actor,
  projectId: string,
): Promise<{ id: string; title: string }> {
  const project = await requireProject(trx, actor, projectId);
  if (project.provider_org_id !== actor.organisationId)
    throw new DomainError('projects.not_provider_of', 422, { title: project.title }, [
      { path: 'body.projectId', code: 'projects.not_provider_of' },
    ]);
  return { id: project.id, title: project.title };
}

/**
 * The hours volunteers served at an activity of the project, recorded after it (once per volunteer;
 * a replay adds nothing). Counted toward `volunteer_hours` only inside the period and the area.
 */
export async function recordVolunteerHoursIn(
  uow: UnitOfWork,
  entry: {
    projectId: string;
    activityId: string;
    heldOn: string;
    divisionCode: string;
    hours: { volunteerId: string; hours: number }[];
  },
): Promise<void> {
  const project = await projectOfActivityIn(uow.trx, uow.actor, entry.projectId);
  await uow.trx
    .insertInto('project_volunteer_hours')
    .values(
      entry.hours.map((h) => ({
        project_id: project.id,
        organisation_id: uow.actor.organisationId!,
        activity_id: entry.activityId,
        volunteer_id: h.volunteerId,
        held_on: entry.heldOn,
        division_code: entry.divisionCode,
        hours: h.hours,
      })),
    )
    .onConflict((oc) => oc.columns(['activity_id', 'volunteer_id']).doNothing())
    .execute();
}

/** The hours an organisation's volunteers served for its projects (callers read the project or organisation first). */
export async function volunteerHoursOf(db: Db, organisationId: string, days?: { from: string; to: string }) {
  let query = db
    .selectFrom('project_volunteer_hours')
    .select(['project_id', 'held_on', 'division_code', 'hours'])
    .where('organisation_id', '=', organisationId);
  if (days) query = query.where('held_on', '>=', days.from).where('held_on', '<=', days.to);
  return (await query.execute()).map((r) => ({
    projectId: r.project_id,
    heldOn: String(r.held_on),
    divisionCode: r.division_code,
    hours: r.hours,
  }));
}

/** The titles of the projects (those the reader sees) that activities belong to. */
export async function projectTitlesIn(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('projects')
    .select(['id', 'title'])
    .where('id', 'in', [...new Set(ids)])
    .where(projectVisibleTo(actor))
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
