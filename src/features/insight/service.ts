import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { levelOf } from '../../core/places.js';
import type { ByDivisionResult, DivisionCount } from '../../contract/insight/by-division.js';
import { levelBelow, smallestPublishedCount, suppressSmallCells, withinJurisdiction } from './rules.js';
import { countChildrenBelow, divisionCatalog, divisionsBelow, findDivision } from './store.js';
import './messages.js';

function divisionNotFound(actor: Actor, code: string): DomainError {
  return notFound(translate(actor.locale, 'insight.entity.division'), code);
}

/**
 * How many children live in each division one level below `within`, with small cells
 * suppressed. A division outside the actor's jurisdiction answers exactly like a missing one.
 */
export async function childrenByDivision(
  db: Kysely<Database>,
  actor: Actor,
  within: string,
): Promise<ByDivisionResult> {
  const level = levelOf(within);
  if (!level) throw divisionNotFound(actor, within);
  if (actor.kind !== 'system' && !withinJurisdiction(actor.jurisdiction, within)) throw divisionNotFound(actor, within);
  const below = levelBelow(within);
  if (!below) throw new DomainError('insight.no_lower_level', 400, { code: within });

  const catalog = await divisionCatalog(db);
  const self = catalog ? await findDivision(db, catalog, within) : { code: within, name: null };
  if (!self) throw divisionNotFound(actor, within);
  const known = catalog ? await divisionsBelow(db, catalog, within, below) : [];
  const counts = await countChildrenBelow(db, actor, within, below);

  const names = new Map(known.map((division) => [division.code, division.name]));
  const listed = known.filter((division) => division.current).map((division) => division.code);
  const codes = [...new Set([...listed, ...counts.keys()])].sort((a, b) => {
    // Children with no finer place than the parent itself come last.
    if (a === within || b === within) return a === within ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const group = suppressSmallCells(codes.map((code) => ({ key: code, count: counts.get(code) ?? 0 })));
  const cells: DivisionCount[] = group.cells.map((cell) => ({
    code: cell.key,
    name: cell.key === within ? self.name : (names.get(cell.key) ?? null),
    direct: cell.key === within,
    count: cell.count,
    suppressed: cell.suppressed,
  }));
  return {
    within: { code: within, name: self.name, level },
    level: below,
    source: catalog ? 'divisions' : 'children',
    threshold: smallestPublishedCount,
    total: group.total,
    totalSuppressed: group.totalSuppressed,
    cells,
  };
}
