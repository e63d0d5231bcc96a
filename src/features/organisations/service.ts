import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Database } from '../../platform/db/schema.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, staleVersion } from '../../platform/errors.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { levelOf } from '../../core/places.js';
import { entityName, organisationNotFound, refuse, requireJurisdiction, requirePermission } from './guards.js';
import type {
  Coverage,
  CreateOrganisationInput,
  ListQuery,
  Organisation,
  OrganisationPage,
  UpdateOrganisationInput,
} from '../../contract/organisations/organisations.js';
import { bedCapacityProblem, coverageReport, createsCycle, normaliseServices } from './rules.js';
import {
  columnsOf,
  currentDivisions,
  divisionExists,
  divisionsLedBy,
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  lockHierarchy,
  organisationExists,
  type OrganisationValues,
  residentialInstitutions,
  selfAndAncestorIds,
} from './store.js';

type Db = Kysely<Database>;

export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: CreateOrganisationInput,
  idempotencyKey?: string,
): Promise<{ organisation: Organisation; replayed: boolean }> {
  requirePermission(actor, 'organisations.manage');
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'organisation.create',
    async ({ trx, audit }) => {
      const values: OrganisationValues = {
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        divisionCode: input.divisionCode,
        parentId: input.parentId ?? null,
        contacts: input.contacts,
        services: normaliseServices(input.services),
        bedCapacity: input.bedCapacity ?? null,
      };
      await checkValues(trx, values, new Set(['divisionCode', 'parentId']));
      // After the checks: a division that does not exist is a 400 wherever it would have been.
      requireJurisdiction(actor, values.divisionCode);
      const id = await insertOrganisation(trx, values);
      audit({ entityType: 'organisation', entityId: id, details: { after: values } });
      return mustFind(trx, actor, id);
    },
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { organisation: result, replayed };
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  requirePermission(actor, 'organisations.manage');
  const { result } = await unitOfWork(db, actor, 'organisation.update', async ({ trx, audit }) => {
    const current = await loadForChange(trx, actor, id, input.version);
    const changes = changedValues(current, input);
    const merged: OrganisationValues = { ...valuesOf(current), ...changes };
    await checkValues(trx, merged, new Set(Object.keys(changes)));
    if (changes.divisionCode !== undefined) requireJurisdiction(actor, changes.divisionCode);
    if (changes.parentId) {
      await lockHierarchy(trx);
      if (createsCycle(id, changes.parentId, await selfAndAncestorIds(trx, changes.parentId))) {
        throw refuse({ code: 'organisations.parent_cycle', field: 'parentId', params: { id: changes.parentId } });
      }
    }
    await save(trx, actor, id, input.version, changes);
    const before = Object.fromEntries(
      Object.keys(changes).map((key) => [key, valuesOf(current)[key as keyof OrganisationValues]]),
    );
    audit({ entityType: 'organisation', entityId: id, details: { before, after: changes } });
    return mustFind(trx, actor, id);
  });
  return result;
}

/** A deactivated organisation stays in the directory (records point at it) but is marked inactive. */
export async function deactivateOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  today = shanghaiDateOf(new Date()),
): Promise<Organisation> {
  requirePermission(actor, 'organisations.manage');
  const { result } = await unitOfWork(db, actor, 'organisation.deactivate', async ({ trx, audit }) => {
    await loadForChange(trx, actor, id, version);
    const leading = await divisionsLedBy(trx, id, today);
    if (leading.length > 0)
      throw conflict('organisations.lead_still_leading', { divisions: leading.join(', ') }, { divisions: leading });
    await save(trx, actor, id, version, { active: false });
    audit({ entityType: 'organisation', entityId: id });
    return mustFind(trx, actor, id);
  });
  return result;
}

export async function reactivateOrganisation(db: Db, actor: Actor, id: string, version: number): Promise<Organisation> {
  requirePermission(actor, 'organisations.manage');
  const { result } = await unitOfWork(db, actor, 'organisation.reactivate', async ({ trx, audit }) => {
    await loadForChange(trx, actor, id, version);
    await save(trx, actor, id, version, { active: true });
    audit({ entityType: 'organisation', entityId: id });
    return mustFind(trx, actor, id);
  });
  return result;
}

/*
 * Reads are not audited: the directory holds no child's data (invariant 6 covers children's
 * files), and an audit entry per list would queue every read behind the audit chain's lock.
 */

export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
  requirePermission(actor, 'organisations.read');
  const organisation = await findOrganisation(db, id);
  if (!organisation) throw organisationNotFound(actor, id);
  return organisation;
}

export async function findOrganisations(db: Db, actor: Actor, query: ListQuery): Promise<OrganisationPage> {
  requirePermission(actor, 'organisations.read');
  const { items, total } = await listOrganisations(db, query);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Shelters per county, counties with none, and "one team, two brands" candidates (see coverageReport). */
export async function organisationCoverage(db: Db, actor: Actor, within: string): Promise<Coverage> {
  requirePermission(actor, 'organisations.read');
  const level = levelOf(within);
  if (level !== 'province' && level !== 'city' && level !== 'county')
    throw refuse({ code: 'organisations.coverage_level', field: 'within', params: { code: within } }, 'query');
  if (!(await divisionExists(db, within)))
    throw refuse({ code: 'organisations.division_unknown', field: 'within', params: { code: within } }, 'query');
  const counties = await currentDivisions(db, within, ['county']);
  return { within, ...coverageReport(counties, await residentialInstitutions(db, within)) };
}

async function mustFind(trx: Transaction<Database>, actor: Actor, id: string): Promise<Organisation> {
  const organisation = await findOrganisation(trx, id);
  if (!organisation) throw organisationNotFound(actor, id);
  return organisation;
}

/** Locks the row, then refuses a stale version (with the current record) or a change outside the actor's jurisdiction. */
async function loadForChange(
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  version: number,
): Promise<Organisation> {
  const current = await findOrganisation(trx, id, { lock: true });
  if (!current) throw organisationNotFound(actor, id);
  if (current.version !== version) throw staleVersion(entityName(actor), id, current.version);
  requireJurisdiction(actor, current.divisionCode);
  return current;
}

async function save(
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  version: number,
  values: Partial<OrganisationValues> & { active?: boolean },
): Promise<void> {
  await updateVersioned(trx, {
    table: 'organisations',
    entity: entityName(actor),
    id,
    expectedVersion: version,
    values: columnsOf(values),
  });
}

function valuesOf(organisation: Organisation): OrganisationValues {
  const { name, shortName, kind, divisionCode, parentId, contacts, services, bedCapacity } = organisation;
  return { name, shortName, kind, divisionCode, parentId, contacts, services, bedCapacity };
}

function changedValues(current: Organisation, input: UpdateOrganisationInput): Partial<OrganisationValues> {
  const { version: _version, ...fields } = input;
  const proposed: Partial<OrganisationValues> = {
    ...fields,
    ...(fields.services ? { services: normaliseServices(fields.services) } : {}),
  };
  const stored = valuesOf(current);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(proposed)) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(stored[key as keyof OrganisationValues]))
      changes[key] = value;
  }
  return changes as Partial<OrganisationValues>;
}

async function checkValues(
  trx: Transaction<Database>,
  values: OrganisationValues,
  changed: ReadonlySet<string>,
): Promise<void> {
  const beds = bedCapacityProblem(values.kind, values.bedCapacity);
  if (beds) throw refuse(beds);
  if (changed.has('divisionCode') && !(await divisionExists(trx, values.divisionCode))) {
    throw refuse({
      code: 'organisations.division_unknown',
      field: 'divisionCode',
      params: { code: values.divisionCode },
    });
  }
  if (changed.has('parentId') && values.parentId !== null && !(await organisationExists(trx, values.parentId))) {
    throw refuse({ code: 'organisations.parent_unknown', field: 'parentId', params: { id: values.parentId } });
  }
}

export { leadAgencyIn } from './lead-agencies.js';

export interface OrganisationBrief {
  id: string;
  name: string;
  kind: string;
  divisionCode: string;
}

/**
 * Active organisations sitting at one division (not below it) and of the kinds named, or the
 * organisations with the ids given (active or not): for other features' lists, e.g. the member
 * departments of a joint conference.
 */
export async function organisationsIn(
  db: Db | Transaction<Database>,
  where: { divisionCode: string; kinds: readonly string[] } | { ids: readonly string[] },
): Promise<OrganisationBrief[]> {
  let query = db.selectFrom('organisations').select(['id', 'name', 'kind', 'division_code']).orderBy('name');
  if ('ids' in where) {
    if (where.ids.length === 0) return [];
    query = query.where('id', 'in', [...where.ids]);
  } else {
    if (where.kinds.length === 0) return [];
    query = query
      .where('division_code', '=', where.divisionCode)
      .where('kind', 'in', [...where.kinds])
      .where('active', '=', true);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, divisionCode: row.division_code }));
}

/**
 * Organisations of the kinds named that existed at `at`, per the division they sit at, for the
 * insight snapshots (counts only). The directory keeps no dated history: an organisation counts
 * from its creation, and an inactive one until its last change (its deactivation, unless it was
 * edited again later); a reactivated one counts as if never deactivated.
 */
export async function organisationsCountedAt(
  db: Db | Transaction<Database>,
  kinds: readonly string[],
  at: Date,
): Promise<{ divisionCode: string; organisations: number }[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('organisations')
    .select((eb) => ['division_code as divisionCode', eb.fn.countAll<string>().as('n')])
    .where('kind', 'in', [...kinds])
    .where('created_at', '<', at)
    .where((eb) => eb.or([eb('active', '=', true), eb('updated_at', '>', at)]))
    .groupBy('division_code')
    .execute();
  return rows.map((row) => ({ divisionCode: row.divisionCode, organisations: Number(row.n) }));
}
