import type { Kysely, Transaction } from 'kysely';
import type { MatrixProvider, MatrixProviders, ProvidersQuery } from '../../contract/service-matrix/views.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { covers, resolveMatrix, responsibilityOf, significant } from './rules.js';
import { divisionName, loadVersions, organisationsServing } from './store.js';
import './messages.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The county a place belongs to (a place at the city's level or above is its own). */
export function countyOf(place: string): string {
  const code = significant(place);
  return code.length > 6 ? code.slice(0, 6).padEnd(12, '0') : place;
}

/**
 * Routing by the matrix: the organisations that provide a service to children of a place — active,
 * serving its county (inside it or at a level above), of a kind that leads or takes part in the
 * service there on the day. Leads first; among them the nearest (the most specific division that
 * holds the place) first, then by name. The first lead is the suggestion.
 */
export async function providersIn(db: Db, place: string, service: ServiceCode, day: string): Promise<MatrixProvider[]> {
  const county = countyOf(place);
  const [versions, organisations] = await Promise.all([loadVersions(db), organisationsServing(db, county)]);
  const matrix = resolveMatrix(versions, place, day);
  const nearness = (divisionCode: string) => (covers(divisionCode, place) ? significant(divisionCode).length : 6);
  const ranked = organisations
    .map((o) => ({ o, responsibility: responsibilityOf(matrix, o.kind, service) }))
    .filter((r): r is typeof r & { responsibility: 'leads' | 'takes_part' } => r.responsibility !== 'none')
    .sort(
      (a, b) =>
        Number(b.responsibility === 'leads') - Number(a.responsibility === 'leads') ||
        nearness(b.o.divisionCode) - nearness(a.o.divisionCode) ||
        a.o.name.localeCompare(b.o.name, 'zh-CN'),
    );
  return ranked.map(({ o, responsibility }, index) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    divisionCode: o.divisionCode,
    responsibility,
    suggested: index === 0 && responsibility === 'leads',
  }));
}

/** `GET /api/service-matrix/providers`: who provides a service in a place, the suggestion first. */
export async function matrixProviders(
  db: Kysely<Database>,
  actor: Actor,
  query: ProvidersQuery,
  now = new Date(),
): Promise<MatrixProviders> {
  if (!hasPermission(actor, 'organisations.read')) throw forbidden('organisations.read');
  if (!(await divisionName(db, query.division)))
    throw new DomainError('matrix.division_unknown', 400, { field: 'division', code: query.division }, [
      { path: 'query.division', code: 'matrix.division_unknown' },
    ]);
  const asOf = query.asOf ?? shanghaiDateOf(now);
  return {
    divisionCode: query.division,
    countyCode: countyOf(query.division),
    service: query.service,
    asOf,
    providers: await providersIn(db, query.division, query.service, asOf),
  };
}
