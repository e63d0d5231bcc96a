import { type Kysely, sql, type Transaction } from 'kysely';
import type { OrganisationKind } from '../../contract/organisations/kinds.js';
import type { MatrixCell, MatrixVersion } from '../../contract/service-matrix/views.js';
import type { Database } from '../../platform/db/schema.js';
import { type ContactedOrganisation, everywhere, significant, type StoredVersion } from './rules.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Every version with its cells: a handful of rows per division that has its own matrix. */
export async function loadVersions(db: Db): Promise<StoredVersion[]> {
  const rows = await db
    .selectFrom('service_matrix_versions as v')
    .leftJoin('service_matrix_cells as c', 'c.version_id', 'v.id')
    .select(['v.id', 'v.division_code', 'v.version', 'v.valid_from', 'c.service', 'c.kind', 'c.responsibility'])
    .execute();
  const versions = new Map<string, StoredVersion & { cells: MatrixCell[] }>();
  for (const row of rows) {
    let v = versions.get(row.id);
    if (!v) {
      v = { divisionCode: row.division_code, version: row.version, validFrom: row.valid_from, cells: [] };
      versions.set(row.id, v);
    }
    if (row.service && row.kind && row.responsibility)
      v.cells.push({
        service: row.service as MatrixCell['service'],
        kind: row.kind as MatrixCell['kind'],
        responsibility: row.responsibility,
      });
  }
  return [...versions.values()];
}

/** The division's own versions, newest first. */
export async function versionsOf(db: Db, divisionCode: string): Promise<MatrixVersion[]> {
  const rows = await db
    .selectFrom('service_matrix_versions as v')
    .select((eb) => [
      'v.division_code',
      'v.version',
      'v.valid_from',
      'v.note',
      'v.created_label',
      'v.created_at',
      eb
        .selectFrom('service_matrix_cells as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.version_id', '=', 'v.id')
        .as('cells'),
    ])
    .where('v.division_code', '=', divisionCode)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    divisionCode: r.division_code,
    version: r.version,
    validFrom: r.valid_from,
    note: r.note,
    createdBy: r.created_label,
    createdAt: r.created_at.toISOString(),
    cells: Number(r.cells ?? 0),
  }));
}

export async function insertVersion(
  trx: Transaction<Database>,
  version: { divisionCode: string; version: number; validFrom: string; note: string | null },
  by: { userId: string | null; label: string },
  cells: readonly MatrixCell[],
): Promise<void> {
  const row = await trx
    .insertInto('service_matrix_versions')
    .values({
      division_code: version.divisionCode,
      version: version.version,
      valid_from: version.validFrom,
      note: version.note,
      created_by: by.userId,
      created_label: by.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (cells.length > 0)
    await trx
      .insertInto('service_matrix_cells')
      .values(
        cells.map((c) => ({ version_id: row.id, service: c.service, kind: c.kind, responsibility: c.responsibility })),
      )
      .execute();
}

/** Active organisations inside the division or at a level above it (they serve it), with their contacts. */
export async function organisationsServing(db: Db, divisionCode: string): Promise<ContactedOrganisation[]> {
  const prefix = significant(divisionCode);
  const above = [everywhere, ...ancestorsOf(divisionCode)];
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'division_code', 'contacts'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb('division_code', 'like', `${prefix}%`), eb('division_code', 'in', above)]))
    .orderBy('division_code')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as OrganisationKind,
    divisionCode: r.division_code,
    contacts: r.contacts,
  }));
}

function ancestorsOf(code: string): string[] {
  const prefix = significant(code);
  return [2, 4, 6, 9].filter((n) => n < prefix.length).map((n) => prefix.slice(0, n).padEnd(12, '0'));
}

export async function divisionName(db: Db, code: string): Promise<string | undefined> {
  if (code === everywhere) return '全国';
  const row = await db.selectFrom('divisions').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}

export async function divisionLevelOf(db: Db, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('divisions')
    .select('level')
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return row?.level;
}

/** The current counties (and districts) of a city. */
export async function countiesOf(db: Db, cityCode: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('divisions')
    .select(['code', 'name'])
    .where('parent_code', '=', cityCode)
    .where('level', '=', 'county')
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
}

/**
 * The organisation leading child protection in the city on the day: its lead-agency record, else
 * (no record) the city's civil affairs bureau — the default lead (DOMAIN.md §1).
 */
export async function cityLeadOrganisations(db: Db, cityCode: string, day: string): Promise<string[]> {
  const lead = await db
    .selectFrom('lead_agencies')
    .select('organisation_id')
    .where('division_code', '=', cityCode)
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  if (lead) return [lead.organisation_id];
  const bureaus = await db
    .selectFrom('organisations')
    .select('id')
    .where('division_code', '=', cityCode)
    .where('kind', '=', 'civil_affairs_bureau')
    .where('active', '=', true)
    .execute();
  return bureaus.map((b) => b.id);
}
