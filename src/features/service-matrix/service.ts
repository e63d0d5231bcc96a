import type { Kysely, Transaction } from 'kysely';
import type { MatrixEdit, MatrixQuery, MatrixReport, MatrixView } from '../../contract/service-matrix/views.js';
import type { MatrixProvider } from '../../contract/service-matrix/views.js';
import type { Responsibility, ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import {
  covers,
  countyReport,
  everywhere,
  oneTeamTwoBrands,
  resolveMatrix,
  responsibilityOf,
  significant,
} from './rules.js';
import {
  cityLeadOrganisations,
  countiesOf,
  divisionLevelOf,
  divisionName,
  insertVersion,
  loadVersions,
  organisationsServing,
  versionsOf,
} from './store.js';
import { providersIn } from './providers.js';
import './messages.js';

type Db = Kysely<Database>;

const refuse = (code: string, field: string, params: Record<string, string> = {}, part = 'body') =>
  new DomainError(code, 400, { field, ...params }, [{ path: `${part}.${field}`, code }]);

/** A kind's responsibility for a service in a place on a date (for referrals: does the receiver provide it?). */
export async function responsibilityIn(
  db: Db | Transaction<Database>,
  place: string,
  kind: string,
  service: string,
  day: string,
): Promise<Responsibility> {
  return responsibilityOf(resolveMatrix(await loadVersions(db), place, day), kind, service);
}

async function requireDivision(
  db: Db | Transaction<Database>,
  code: string,
  field: string,
  part: 'query' | 'params',
): Promise<string> {
  const name = await divisionName(db, code);
  if (!name) throw refuse('matrix.division_unknown', field, { code }, part);
  return name;
}

/** Whether the actor edits this division's matrix: the city's lead agency, for the city and places in it. */
async function mayEdit(
  db: Db | Transaction<Database>,
  actor: Actor,
  divisionCode: string,
  day: string,
): Promise<boolean> {
  if (!hasPermission(actor, 'matrix.manage')) return false;
  if (actor.kind === 'system') return true;
  if (divisionCode === everywhere || significant(divisionCode).length < 4) return false;
  if (!actor.jurisdiction.some((code) => covers(code, divisionCode))) return false;
  const city = divisionCode.slice(0, 4).padEnd(12, '0');
  return actor.organisationId !== null && (await cityLeadOrganisations(db, city, day)).includes(actor.organisationId);
}

/** The matrix of a place as of a date, each cell with the division version it comes from. */
export async function readMatrix(db: Db, actor: Actor, query: MatrixQuery, now = new Date()): Promise<MatrixView> {
  if (!hasPermission(actor, 'organisations.read')) throw forbidden('organisations.read');
  const name = await requireDivision(db, query.division, 'division', 'query');
  const asOf = query.asOf ?? shanghaiDateOf(now);
  const versions = await loadVersions(db);
  const matrix = resolveMatrix(versions, query.division, asOf);
  const own = versions
    .filter((v) => v.divisionCode === query.division && v.validFrom <= asOf)
    .sort((a, b) => b.version - a.version)[0];
  const history = await versionsOf(db, query.division);
  return {
    divisionCode: query.division,
    divisionName: name,
    asOf,
    cells: [...matrix.values()].filter((c) => c.responsibility !== 'none'),
    ownCells: own ? [...own.cells] : [],
    versions: history,
    currentVersion: history[0]?.version ?? 0,
    canEdit: await mayEdit(db, actor, query.division, shanghaiDateOf(now)),
  };
}

/**
 * A new version of the division's own cells from a date (today or later, so nothing already
 * decided under the old matrix changes). Refused when someone saved a version since the editor read.
 */
export async function editMatrixIn(
  uow: UnitOfWork,
  divisionCode: string,
  input: MatrixEdit,
  at: Date,
): Promise<number> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'matrix.manage')) throw forbidden('matrix.manage');
  if (!(await divisionName(trx, divisionCode)) || !(await divisionLevelOf(trx, divisionCode)))
    throw refuse('matrix.division_unknown', 'division', { code: divisionCode }, 'params');
  const today = shanghaiDateOf(at);
  if (!(await mayEdit(trx, actor, divisionCode, today))) throw new DomainError('matrix.not_lead_agency', 403);
  if (input.validFrom < today) throw refuse('matrix.valid_from_past', 'validFrom', { validFrom: input.validFrom });
  const keys = new Set<string>();
  for (const [index, cell] of input.cells.entries()) {
    const key = `${cell.service}|${cell.kind}`;
    if (keys.has(key)) throw refuse('matrix.cell_twice', `cells.${index}`, { service: cell.service, kind: cell.kind });
    keys.add(key);
  }
  const [latest] = await versionsOf(trx, divisionCode);
  const current = latest?.version ?? 0;
  if (current !== input.expectedVersion)
    throw new DomainError('matrix.stale', 409, { expected: input.expectedVersion, current });
  await insertVersion(
    trx,
    { divisionCode, version: current + 1, validFrom: input.validFrom, note: input.note ?? null },
    { userId: actor.userId, label: actor.label },
    input.cells,
  ).catch((error: unknown) => {
    // Two editors saving the same version at once: the second finds it taken.
    if ((error as { code?: string }).code === '23505')
      throw new DomainError('matrix.stale', 409, { expected: input.expectedVersion, current: current + 1 });
    throw error;
  });
  uow.audit({
    entityType: 'service_matrix',
    entityId: divisionCode,
    details: { version: current + 1, validFrom: input.validFrom, cells: input.cells.length },
  });
  return current + 1;
}

export async function editMatrix(
  db: Db,
  actor: Actor,
  divisionCode: string,
  input: MatrixEdit,
  at = new Date(),
): Promise<MatrixView> {
  await unitOfWork(db, actor, 'matrix.edit', (uow) => editMatrixIn(uow, divisionCode, input, at));
  return readMatrix(db, actor, { division: divisionCode, asOf: input.validFrom }, at);
}

/**
 * The report of a city (each county) or of one county: overlaps, gaps, and organisations that look
 * like one team with two brands.
 */
export async function matrixReport(db: Db, actor: Actor, query: MatrixQuery, now = new Date()): Promise<MatrixReport> {
  if (!hasPermission(actor, 'organisations.read')) throw forbidden('organisations.read');
  const name = await requireDivision(db, query.division, 'division', 'query');
  const level = await divisionLevelOf(db, query.division);
  if (level !== 'city' && level !== 'county') throw refuse('matrix.report_level', 'division', {}, 'query');
  const asOf = query.asOf ?? shanghaiDateOf(now);
  const counties = level === 'city' ? await countiesOf(db, query.division) : [{ code: query.division, name }];
  const [versions, organisations] = await Promise.all([loadVersions(db), organisationsServing(db, query.division)]);
  return {
    divisionCode: query.division,
    divisionName: name,
    asOf,
    counties: counties.map((county) => countyReport(county, resolveMatrix(versions, county.code, asOf), organisations)),
    oneTeamTwoBrands: oneTeamTwoBrands(
      organisations.filter((o) => o.divisionCode.startsWith(significant(query.division))),
    ),
  };
}

export interface MatrixGap {
  countyCode: string;
  countyName: string;
  service: string;
  expectedKinds: string[];
}

/**
 * The gaps of a city (each county) or of one county as of a day: services no organisation serving
 * the county provides. For the joint conference's agenda; the report itself is `matrixReport`.
 */
export async function matrixGapsIn(
  db: Db | Transaction<Database>,
  divisionCode: string,
  day: string,
): Promise<MatrixGap[]> {
  const name = await divisionName(db, divisionCode);
  const level = await divisionLevelOf(db, divisionCode);
  if (!name || (level !== 'city' && level !== 'county')) return [];
  const counties = level === 'city' ? await countiesOf(db, divisionCode) : [{ code: divisionCode, name }];
  const [versions, organisations] = await Promise.all([loadVersions(db), organisationsServing(db, divisionCode)]);
  return counties.flatMap((county) =>
    countyReport(county, resolveMatrix(versions, county.code, day), organisations).gaps.map((gap) => ({
      countyCode: county.code,
      countyName: county.name,
      service: gap.service,
      expectedKinds: [...gap.expectedKinds],
    })),
  );
}
export { matrixFindingsOn } from './insight-reads.js';

/**
 * Who leads a service for children of a place on a day, as report routing reads it: the nearest
 * serving organisation of each kind that leads it there (two kinds leading is the overlap the
 * report shows; both receive). Empty when nobody leads it in the county.
 */
export async function leadingProvidersIn(
  db: Db | Transaction<Database>,
  place: string,
  service: ServiceCode,
  day: string,
): Promise<MatrixProvider[]> {
  const kinds = new Set<string>();
  return (await providersIn(db, place, service, day)).filter((provider) => {
    if (provider.responsibility !== 'leads' || kinds.has(provider.kind)) return false;
    kinds.add(provider.kind);
    return true;
  });
}
