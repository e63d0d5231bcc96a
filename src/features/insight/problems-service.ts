import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { ancestorCodes, isDivisionCode, isWithin, levelOf, subtreePrefix } from '../../core/places.js';
import {
  type IndicatorCode,
  indicatorCodes,
  indicatorDefinitions,
  type ProblemsResult,
} from '../../contract/insight/problems.js';
import { childCodePattern, isSmallCount, levelBelow, suppressSmallCells, withinJurisdiction } from './rules.js';
import { insightRules } from './rule-sections.js';
import { monthOf, rateOf, twelveMonths } from './snapshot-rules.js';
import { countsBelow, currentDivisionsBelow, divisionNames, newestSnapshot, subtreeTrends } from './problems-store.js';
import './messages.js';

/** Readers without children's files see counts only, with small cells suppressed. */
export function readsChildren(actor: Actor): boolean {
  return hasPermission(actor, 'children.read');
}

export function placeInReach(actor: Actor, within: string): boolean {
  return actor.kind === 'system' || withinJurisdiction(actor.childJurisdiction ?? actor.jurisdiction, within);
}

export async function smallCellThreshold(db: Kysely<Database>, within: string, at: Date): Promise<number> {
  return (await loadRuleSets(db)).for(within, shanghaiDateOf(at)).get(insightRules).smallCellThreshold;
}

type Counts = (code: string) => number;

function indicatorValue(indicator: IndicatorCode, count: Counts): number | null {
  const definition = indicatorDefinitions[indicator];
  if (definition.kind === 'count') return count(indicator);
  const scale = 'scale' in definition ? definition.scale : 100;
  return rateOf(count(definition.of), count(definition.over), scale);
}

/** A rate is withheld from a suppressed reader when what it divides by is a small cell. */
function publishedRate(indicator: IndicatorCode, count: Counts, threshold: number): number | null {
  const definition = indicatorDefinitions[indicator];
  if (definition.kind === 'rate' && isSmallCount(count(definition.over), threshold)) return null;
  return indicatorValue(indicator, count);
}

/**
 * The five problems of `within`: every indicator's trend over twelve months and its value per
 * division one level down in the newest month, from the snapshots only. Outside the reader's
 * reach the place answers like a missing one (404). A month with no rows shows zeros.
 */
export async function problemsOf(
  db: Kysely<Database>,
  actor: Actor,
  within: string,
  options: { endMonth?: string; suppressed?: boolean } = {},
): Promise<ProblemsResult> {
  const level = levelOf(within);
  const missing = () => notFound(translate(actor.locale, 'insight.entity.division'), within);
  if (!level || !placeInReach(actor, within)) throw missing();
  const now = new Date();
  const [asOf, threshold] = await Promise.all([newestSnapshot(db), smallCellThreshold(db, within, now)]);
  const months = twelveMonths(options.endMonth ?? monthOf(asOf ?? now));
  const suppressed = options.suppressed ?? !readsChildren(actor);
  const below = levelBelow(within) ?? null;

  const roots = actor.childJurisdiction ?? actor.jurisdiction;
  const pathCodes = [...ancestorCodes(within), within].filter(
    (code) => actor.kind === 'system' || roots.some((root) => isDivisionCode(root) && isWithin(code, root)),
  );
  const [trends, belowCounts, childPlaces, pathNames] = await Promise.all([
    subtreeTrends(db, within, `${months[0]}-01`),
    below ? countsBelow(db, within, below, `${months.at(-1)}-01`) : Promise.resolve([]),
    below
      ? currentDivisionsBelow(db, childCodePattern(within, below), subtreePrefix(within), below)
      : Promise.resolve([]),
    divisionNames(db, [...pathCodes, within]),
  ]);
  const rowCodes = [...new Set([...childPlaces.map((place) => place.code), ...belowCounts.map((row) => row.code)])]
    .filter((code) => code !== within)
    .sort();
  const names = new Map([...pathNames, ...childPlaces.map((place) => [place.code, place.name] as const)]);
  // A code stored in an earlier month may since have been retired: its name is its last one.
  const retired = rowCodes.filter((code) => !names.has(code));
  for (const [code, name] of await divisionNames(db, retired)) names.set(code, name);
  if (!names.has(within)) throw missing();

  const byMonth = new Map(trends.map((row) => [`${row.month}|${row.indicator}`, row.value]));
  const indicators = indicatorCodes.map((code) => ({
    code,
    trend: months.map((month) => {
      const count: Counts = (stored) => byMonth.get(`${month}|${stored}`) ?? 0;
      if (!suppressed) return indicatorValue(code, count);
      const definition = indicatorDefinitions[code];
      if (definition.kind === 'count') return isSmallCount(count(code), threshold) ? null : count(code);
      return publishedRate(code, count, threshold);
    }),
  }));

  const byPlace = new Map(belowCounts.map((row) => [`${row.code}|${row.indicator}`, row.value]));
  const columns = indicatorCodes.map((code) => {
    const definition = indicatorDefinitions[code];
    const values = rowCodes.map((place) => {
      const count: Counts = (stored) => byPlace.get(`${place}|${stored}`) ?? 0;
      return suppressed ? publishedRate(code, count, threshold) : indicatorValue(code, count);
    });
    if (!suppressed || definition.kind !== 'count') return values;
    // Counts in a table are suppressed with their complement, as the registry counts are.
    const group = suppressSmallCells(
      rowCodes.map((place, index) => ({ key: place, count: values[index] ?? 0 })),
      threshold,
    );
    return group.cells.map((cell) => cell.count);
  });

  return {
    within: { code: within, name: names.get(within) ?? null, level },
    path: pathCodes.map((code) => ({ code, name: names.get(code) ?? null, level: levelOf(code)! })),
    months,
    asOf: asOf?.toISOString() ?? null,
    threshold,
    suppressed,
    seesRows: !suppressed,
    indicators,
    breakdown: {
      level: below,
      rows: rowCodes.map((code, index) => ({
        code,
        name: names.get(code) ?? null,
        values: columns.map((column) => column[index] ?? null),
      })),
    },
  };
}
