import { type Kysely, sql } from 'kysely';
import { socialOrganisationKinds } from '../../contract/projects/vocabulary.js';
import type { AddLicenceInput, CapacityView, DeclareCapacityInput } from '../../contract/projects/society.js';
import { type ServiceCode, serviceCodes } from '../../contract/service-matrix/vocabulary.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { subtreePrefix } from '../../core/places.js';
import { projectVisibleTo } from './access.js';
import { countiesOfWork, recordedWorkOf } from './outputs.js';
import { countiesOf, divisionNames } from './places.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

/** Where a social organisation works and what it delivers, derived from its recorded work and its projects. */
export async function footprintOf(db: Db, organisationId: string) {
  const work = await recordedWorkOf(db, organisationId);
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'title', 'starts_on', 'ends_on', 'area_codes', 'services'])
    .where('provider_org_id', '=', organisationId)
    .execute();
  const counties = countiesOfWork(work);
  for (const project of projects)
    for (const county of await countiesOf(db, project.area_codes)) counties.add(county.code);
  const services = new Set<string>([
    ...work.referralSteps.filter((s) => s.step === 'accept').map((s) => s.service),
    ...projects.flatMap((p) => p.services),
  ]);
  const servicesByCounty = new Map<string, Set<string>>();
  const add = (county: string, service: string) => {
    const set = servicesByCounty.get(county) ?? new Set<string>();
    set.add(service);
    servicesByCounty.set(county, set);
  };
  for (const step of work.referralSteps) add(step.divisionCode.slice(0, 6).padEnd(12, '0'), step.service);
  for (const project of projects)
    for (const county of await countiesOf(db, project.area_codes))
      for (const s of project.services) add(county.code, s);
  return { counties, services, servicesByCounty, projects };
}

async function socialOrganisation(db: Db | UnitOfWork['trx'], actor: Actor, id: string) {
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code'])
    .where('id', '=', id)
    .where('kind', 'in', [...socialOrganisationKinds])
    .executeTakeFirst();
  if (!organisation) throw notFound(translate(actor.locale, 'projects.organisation_entity'), id);
  return organisation;
}

/** A social organisation's capacity: people, licences, volunteers, services, counties served (from its work), projects. */
export async function readCapacity(db: Db, actor: Actor, id: string): Promise<CapacityView> {
  const organisation = await socialOrganisation(db, actor, id);
  const accounts = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', id)
    .executeTakeFirstOrThrow();
  const capacity = await db
    .selectFrom('organisation_capacity')
    .selectAll()
    .where('organisation_id', '=', id)
    .executeTakeFirst();
  const licences = await db
    .selectFrom('social_worker_licences')
    .selectAll()
    .where('organisation_id', '=', id)
    .orderBy('licence_year')
    .execute();
  const footprint = await footprintOf(db, id);
  const visible = await db
    .selectFrom('projects')
    .select('id')
    .where(projectVisibleTo(actor))
    .where('provider_org_id', '=', id)
    .execute();
  const visibleIds = new Set(visible.map((p) => p.id));
  const declared = capacity?.declared_counties ?? [];
  const names = await divisionNames(db, [...footprint.counties, ...declared]);
  const ref = (code: string) => ({ code, name: names.get(code) ?? code });
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      divisionCode: organisation.division_code,
    },
    accounts: Number(accounts.n),
    staff: capacity?.staff ?? 0,
    volunteers: capacity?.volunteers ?? 0,
    socialWorkers: licences.map((l) => ({
      id: l.id,
      personName: l.person_name,
      level: l.level,
      licenceYear: l.licence_year,
    })),
    services: serviceCodes.filter((s) => footprint.services.has(s)) as ServiceCode[],
    countiesServed: [...footprint.counties].sort().map(ref),
    declaredCounties: declared.map(ref),
    projects: footprint.projects
      .filter((p) => visibleIds.has(p.id))
      .map((p) => ({ id: p.id, title: p.title, startsOn: String(p.starts_on), endsOn: String(p.ends_on) })),
    version: capacity?.version ?? null,
    mayEdit: hasPermission(actor, 'capacity.manage') && actor.organisationId === id,
  };
}

/** The social organisations in (or serving) the actor's area, with their capacity in numbers. */
export async function listSocialOrganisations(db: Db, actor: Actor) {
  const area = actor.jurisdiction.map((code) => subtreePrefix(code));
  const touches = (code: string) =>
    actor.kind === 'system' || area.some((prefix) => code.startsWith(prefix) || prefix.startsWith(subtreePrefix(code)));
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code'])
    .where('kind', 'in', [...socialOrganisationKinds])
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  const rows = [];
  for (const organisation of organisations) {
    const licences = await db
      .selectFrom('social_worker_licences')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    const capacity = await db
      .selectFrom('organisation_capacity')
      .select('volunteers')
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirst();
    const footprint = await footprintOf(db, organisation.id);
    if (!touches(organisation.division_code) && ![...footprint.counties].some(touches)) continue;
    rows.push({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      socialWorkers: Number(licences.n),
      volunteers: capacity?.volunteers ?? 0,
      countiesServed: footprint.counties.size,
      projects: footprint.projects.length,
    });
  }
  return { organisations: rows };
}

function requireOwn(actor: Actor, id: string): void {
  if (!hasPermission(actor, 'capacity.manage')) throw forbidden('capacity.manage');
  if (actor.organisationId !== id) throw new DomainError('projects.capacity_not_own', 403);
}

/** Declares staff, volunteers and the counties the organisation says it serves (versioned: stale → 409). */
export async function declareCapacityIn(uow: UnitOfWork, id: string, input: DeclareCapacityInput): Promise<void> {
  const { trx, actor } = uow;
  await socialOrganisation(trx, actor, id);
  requireOwn(actor, id);
  const entity = translate(actor.locale, 'projects.organisation_entity');
  if (input.expectedVersion === null) {
    const inserted = await trx
      .insertInto('organisation_capacity')
      .values({
        organisation_id: id,
        staff: input.staff,
        volunteers: input.volunteers,
        declared_counties: input.declaredCounties,
      })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!inserted) {
      const current = await trx
        .selectFrom('organisation_capacity')
        .select('version')
        .where('organisation_id', '=', id)
        .executeTakeFirstOrThrow();
      throw staleVersion(entity, id, current.version);
    }
  } else {
    const updated = await trx
      .updateTable('organisation_capacity')
      .set({
        staff: input.staff,
        volunteers: input.volunteers,
        declared_counties: input.declaredCounties,
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where('organisation_id', '=', id)
      .where('version', '=', input.expectedVersion)
      .returning('version')
      .executeTakeFirst();
    if (!updated) {
      const current = await trx
        .selectFrom('organisation_capacity')
        .select('version')
        .where('organisation_id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound(entity, id);
      throw staleVersion(entity, id, current.version);
    }
  }
  uow.audit({
    entityType: 'organisation',
    entityId: id,
    details: { staff: input.staff, volunteers: input.volunteers },
  });
}

export async function declareCapacity(
  db: Db,
  actor: Actor,
  id: string,
  input: DeclareCapacityInput,
): Promise<CapacityView> {
  await unitOfWork(db, actor, 'capacity.declare', (uow) => declareCapacityIn(uow, id, input));
  return readCapacity(db, actor, id);
}

/** Records a qualified social worker of the organisation (licence level and year). */
export async function addLicenceIn(uow: UnitOfWork, id: string, input: AddLicenceInput): Promise<void> {
  const { trx, actor } = uow;
  await socialOrganisation(trx, actor, id);
  requireOwn(actor, id);
  await trx
    .insertInto('social_worker_licences')
    .values({
      organisation_id: id,
      person_name: input.personName,
      user_id: input.userId ?? null,
      level: input.level,
      licence_year: input.licenceYear,
    })
    .execute();
  uow.audit({ entityType: 'organisation', entityId: id, details: { licence: input.level, year: input.licenceYear } });
}

export async function addLicence(db: Db, actor: Actor, id: string, input: AddLicenceInput): Promise<CapacityView> {
  await unitOfWork(db, actor, 'capacity.licence', (uow) => addLicenceIn(uow, id, input));
  return readCapacity(db, actor, id);
}
