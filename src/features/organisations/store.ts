import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { subtreePrefix } from '../../core/places.js';
import {
  isOrganisationKind,
  isResidentialKind,
  kindsOfSubject,
  type OrganisationKind,
  residentialKindCodes,
  subjectOf,
} from '../../contract/organisations/kinds.js';
import type { Contact, ListQuery, Organisation } from '../../contract/organisations/organisations.js';
import type { CoverageInstitution } from './rules.js';
import type { OrganisationContact } from './tables.js';

/*
 * Organisations are a public directory, not children's data: reads are not narrowed to the
 * actor's jurisdiction (a county worker must find the city's welfare home to refer a child).
 */

type Db = Kysely<Database>;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  const found = await sql<{
    one: number;
  }>`SELECT 1 AS one FROM divisions WHERE code = ${code} AND valid_to IS NULL`.execute(db);
  return found.rows.length > 0;
}

export async function divisionName(db: Db, code: string): Promise<string | null> {
  const found = await sql<{ name: string }>`SELECT name FROM divisions WHERE code = ${code}`.execute(db);
  return found.rows[0]?.name ?? null;
}

export async function currentDivisions(
  db: Db,
  within: string,
  levels: readonly string[],
): Promise<{ code: string; name: string; level: string }[]> {
  const found = await sql<{ code: string; name: string; level: string }>`
    SELECT code, name, level FROM divisions
    WHERE code LIKE ${`${subtreePrefix(within)}%`} AND valid_to IS NULL AND level = ANY(${[...levels]}::text[])
    ORDER BY code`.execute(db);
  return found.rows;
}

function selectOrganisations(db: Db) {
  return db
    .selectFrom('organisations as o')
    .select([
      'o.id',
      'o.name',
      'o.short_name',
      'o.kind',
      'o.division_code',
      'o.parent_id',
      'o.contacts',
      'o.services',
      'o.bed_capacity',
      'o.active',
      'o.version',
      'o.created_at',
      'o.updated_at',
    ])
    .select([
      sql<string | null>`(SELECT d.name FROM divisions d WHERE d.code = o.division_code)`.as('division_name'),
      sql<string | null>`(SELECT p.name FROM organisations p WHERE p.id = o.parent_id)`.as('parent_name'),
    ]);
}

type OrganisationRow = Awaited<ReturnType<ReturnType<typeof selectOrganisations>['executeTakeFirstOrThrow']>>;

function knownKind(kind: string, id: string): OrganisationKind {
  if (!isOrganisationKind(kind)) throw new Error(`organisation ${id} has unknown kind ${kind}`);
  return kind;
}

const contactOut = (contact: OrganisationContact): Contact =>
  Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined && value !== null)) as Contact;

export function toOrganisation(row: OrganisationRow): Organisation {
  const kind = knownKind(row.kind, row.id);
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind,
    subject: subjectOf(kind),
    divisionCode: row.division_code,
    divisionName: row.division_name,
    parentId: row.parent_id,
    parentName: row.parent_name,
    contacts: row.contacts.map(contactOut),
    services: row.services,
    bedCapacity: row.bed_capacity,
    active: row.active,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function findOrganisation(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Organisation | undefined> {
  const query = selectOrganisations(db).where('o.id', '=', id);
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  return row ? toOrganisation(row) : undefined;
}

export interface OrganisationValues {
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  divisionCode: string;
  parentId: string | null;
  contacts: Contact[];
  services: string[];
  bedCapacity: number | null;
}

export async function insertOrganisation(db: Db, values: OrganisationValues): Promise<string> {
  const row = await db
    .insertInto('organisations')
    .values({
      name: values.name,
      short_name: values.shortName,
      kind: values.kind,
      division_code: values.divisionCode,
      parent_id: values.parentId,
      contacts: JSON.stringify(values.contacts),
      services: values.services,
      bed_capacity: values.bedCapacity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function columnsOf(values: Partial<OrganisationValues> & { active?: boolean }): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (values.name !== undefined) columns.name = values.name;
  if (values.shortName !== undefined) columns.short_name = values.shortName;
  if (values.kind !== undefined) columns.kind = values.kind;
  if (values.divisionCode !== undefined) columns.division_code = values.divisionCode;
  if (values.parentId !== undefined) columns.parent_id = values.parentId;
  if (values.contacts !== undefined) columns.contacts = JSON.stringify(values.contacts);
  if (values.services !== undefined) columns.services = values.services;
  if (values.bedCapacity !== undefined) columns.bed_capacity = values.bedCapacity;
  if (values.active !== undefined) columns.active = values.active;
  return columns;
}

export async function organisationExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The organisation and every organisation above it. UNION stops even on a loop made by hand in SQL. */
export async function selfAndAncestorIds(db: Db, id: string): Promise<string[]> {
  const found = await sql<{ id: string }>`
    WITH RECURSIVE chain(id, parent_id) AS (
      SELECT id, parent_id FROM organisations WHERE id = ${id}
      UNION
      SELECT o.id, o.parent_id FROM organisations o JOIN chain c ON o.id = c.parent_id
    )
    SELECT id FROM chain`.execute(db);
  return found.rows.map((row) => row.id);
}

/** Serialises changes of parent, so two crossing edits cannot build a loop between them. */
export async function lockHierarchy(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('organisations.hierarchy'))`.execute(db);
}

export async function listOrganisations(db: Db, filters: ListQuery): Promise<{ items: Organisation[]; total: number }> {
  let query = selectOrganisations(db);
  if (filters.kind) query = query.where('o.kind', '=', filters.kind);
  if (filters.subject) {
    // No kind belongs to the family subject yet; an empty IN () is not SQL.
    const kinds = kindsOfSubject(filters.subject);
    query = kinds.length > 0 ? query.where('o.kind', 'in', kinds) : query.where(sql<boolean>`false`);
  }
  if (filters.within) query = query.where('o.division_code', 'like', `${subtreePrefix(filters.within)}%`);
  if (filters.active !== undefined) query = query.where('o.active', '=', filters.active);
  if (filters.q) {
    const pattern = `%${likeEscape(filters.q)}%`;
    query = query.where((eb) => eb.or([eb('o.name', 'ilike', pattern), eb('o.short_name', 'ilike', pattern)]));
  }
  const rows = await query
    .select(sql<number>`count(*) OVER ()::int`.as('total'))
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)
    .execute();
  const total = rows[0]?.total ?? (filters.page > 1 ? await countOnly(db, filters) : 0);
  return { items: rows.map(toOrganisation), total };
}

// A page past the end has no row to carry the window count.
async function countOnly(db: Db, filters: ListQuery): Promise<number> {
  const { total } = await listOrganisations(db, { ...filters, page: 1 });
  return total;
}

export async function residentialInstitutions(db: Db, within: string): Promise<CoverageInstitution[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code', 'bed_capacity', 'contacts'])
    .where('active', '=', true)
    .where('kind', 'in', [...residentialKindCodes])
    .where('division_code', 'like', `${subtreePrefix(within)}%`)
    .orderBy('division_code')
    .orderBy('name')
    .execute();
  return rows.flatMap((row) =>
    isResidentialKind(row.kind)
      ? [
          {
            id: row.id,
            name: row.name,
            kind: row.kind,
            divisionCode: row.division_code,
            bedCapacity: row.bed_capacity,
            phones: row.contacts.flatMap((c) => (c.phone ? [c.phone] : [])),
          },
        ]
      : [],
  );
}

export interface LeadPeriodRow {
  divisionCode: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

/** Recorded lead periods of every division in a subtree (or of one division), newest first. */
export async function leadPeriods(db: Db, within: string, options: { exact?: boolean } = {}): Promise<LeadPeriodRow[]> {
  const rows = await db
    .selectFrom('lead_agencies as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select(['l.division_code', 'l.organisation_id', 'o.name', 'o.kind', 'l.valid_from', 'l.valid_to', 'l.note'])
    .where('l.division_code', options.exact ? '=' : 'like', options.exact ? within : `${subtreePrefix(within)}%`)
    .orderBy('l.division_code')
    .orderBy('l.valid_from', 'desc')
    .execute();
  return rows.map((row) => ({
    divisionCode: row.division_code,
    organisationId: row.organisation_id,
    organisationName: row.name,
    organisationKind: knownKind(row.kind, row.organisation_id),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    note: row.note,
  }));
}

/** One lead change per division at a time: the open period is read, closed and replaced as one step. */
export async function lockLeadDivision(db: Db, divisionCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`lead_agencies:${divisionCode}`}))`.execute(db);
}

export async function insertLeadPeriod(
  db: Db,
  row: { divisionCode: string; organisationId: string; validFrom: string; note: string | null },
): Promise<void> {
  await db
    .insertInto('lead_agencies')
    .values({
      division_code: row.divisionCode,
      organisation_id: row.organisationId,
      valid_from: row.validFrom,
      note: row.note,
    })
    .execute();
}

export async function updateLeadPeriod(
  db: Db,
  key: { divisionCode: string; validFrom: string },
  values: { organisationId?: string; note?: string | null; validTo?: string | null },
): Promise<void> {
  await db
    .updateTable('lead_agencies')
    .set({
      ...(values.organisationId === undefined ? {} : { organisation_id: values.organisationId }),
      ...(values.note === undefined ? {} : { note: values.note }),
      ...(values.validTo === undefined ? {} : { valid_to: values.validTo }),
    })
    .where('division_code', '=', key.divisionCode)
    .where('valid_from', '=', key.validFrom)
    .execute();
}

export async function civilAffairsBureaus(
  db: Db,
  within: string,
): Promise<{ id: string; name: string; divisionCode: string }[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'division_code'])
    .where('kind', '=', 'civil_affairs_bureau')
    .where('active', '=', true)
    .where('division_code', 'like', `${subtreePrefix(within)}%`)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, divisionCode: row.division_code }));
}

/** Divisions this organisation leads now or is scheduled to lead. */
export async function divisionsLedBy(db: Db, organisationId: string, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lead_agencies')
    .select('division_code')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .orderBy('division_code')
    .execute();
  return [...new Set(rows.map((row) => row.division_code))];
}
