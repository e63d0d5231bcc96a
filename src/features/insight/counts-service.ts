import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { type DivisionLevel, levelOf } from '../../core/places.js';
import type { RegistryCountsQuery, RegistryCountsResult } from '../../contract/insight/registry-counts.js';
import { type CountDimension, countsLevelAllowed, dimensionValues } from './counts-rules.js';
import { countedAt, placesAt, storedCounts } from './counts-store.js';
import { levelBelow, smallestPublishedCount, suppressSmallCells, withinJurisdiction } from './rules.js';
import './messages.js';

const recent = new Map<string, RegistryCountsResult>();
const recentLimit = 32;

/**
 * The registry's precomputed counts (active children by confirmed category, or by risk grade) per
 * division at `level` within `within`, as of the last recount. Only where the actor sees children
 * by place: outside it the division answers like a missing one. Each column is suppressed like the
 * by-division counts (1–4 hidden, and a complement when one cell alone would be hidden).
 */
export async function registryCounts(
  db: Kysely<Database>,
  actor: Actor,
  query: RegistryCountsQuery,
): Promise<RegistryCountsResult> {
  const { within, by } = query;
  const withinLevel = levelOf(within);
  const missing = () => notFound(translate(actor.locale, 'insight.entity.division'), within);
  if (!withinLevel) throw missing();
  if (actor.kind !== 'system' && !withinJurisdiction(actor.childJurisdiction ?? actor.jurisdiction, within))
    throw missing();
  const level = query.level ?? levelBelow(within);
  if (!level) throw new DomainError('insight.no_lower_level', 400, { code: within });
  if (!countsLevelAllowed(withinLevel, level))
    throw new DomainError('insight.counts_level', 400, {
      code: within,
      level: translate(actor.locale, `insight.level.${level}`),
    });

  const at = await countedAt(db);
  // The same table for everyone allowed to see it, until the next recount: kept, keyed by that moment.
  const key = `${within}|${level}|${by}|${at?.toISOString() ?? ''}`;
  const kept = recent.get(key);
  if (kept) return kept;
  const result = await tabulate(db, within, withinLevel, level, by, at);
  if (!result) throw missing();
  recent.set(key, result);
  if (recent.size > recentLimit) recent.delete(recent.keys().next().value!);
  return result;
}

async function tabulate(
  db: Kysely<Database>,
  within: string,
  withinLevel: DivisionLevel,
  level: DivisionLevel,
  by: CountDimension,
  at: Date | null,
): Promise<RegistryCountsResult | undefined> {
  const [stored, places] = await Promise.all([storedCounts(db, within, level, by), placesAt(db, within, level)]);
  const self = places.find((place) => place.code === within);
  if (!self) return undefined;

  const counts = new Map(stored.map((row) => [`${row.code}|${row.value}`, row.n]));
  const seen = new Set(stored.map((row) => row.code));
  // A row is a current division at `level`, or any code counts were kept under: a closed division
  // children still carry, or a coarser one children are recorded at directly (after the others).
  const codes = [
    ...new Set([...places.filter((p) => levelOf(p.code) === level && p.current).map((p) => p.code), ...seen]),
  ].sort((a, b) => {
    const coarse = (code: string) => (levelOf(code) === level ? 0 : 1);
    return coarse(a) - coarse(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const values = dimensionValues[by];
  const columns = values.map((value) =>
    suppressSmallCells(codes.map((code) => ({ key: code, count: counts.get(`${code}|${value}`) ?? 0 }))),
  );
  const names = new Map(places.map((place) => [place.code, place.name]));
  return {
    within: { code: within, name: self.name, level: withinLevel },
    level,
    by,
    values: [...values],
    threshold: smallestPublishedCount,
    countedAt: at?.toISOString() ?? null,
    rows: codes.map((code, index) => ({
      code,
      name: names.get(code) ?? null,
      direct: levelOf(code) !== level,
      counts: columns.map((column) => column.cells[index]!.count),
    })),
    totals: columns.map((column) => column.total),
  };
}
