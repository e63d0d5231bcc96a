import { type DivisionLevel, divisionLevels } from '../../core/places.js';
import { categoryCodes, riskGrades } from '../../contract/registry/vocabulary.js';

import type { CountDimension } from '../../contract/insight/registry-counts.js';

export { type CountDimension, countDimensions } from '../../contract/insight/registry-counts.js';

/** The columns of a registry-counts table, in the order a reader expects them. */
export const dimensionValues: Record<CountDimension, readonly string[]> = {
  category: categoryCodes,
  risk: [...[...riskGrades].reverse(), 'unassessed'],
};

/**
 * Which level rows a registry-counts table may be broken down by: any level below `within`, but
 * villages only within a county or township (a province has 27,000 of them: a download, not a table).
 */
export function countsLevelAllowed(within: DivisionLevel, level: DivisionLevel): boolean {
  const depth = divisionLevels.indexOf(level);
  if (depth <= divisionLevels.indexOf(within)) return false;
  return level !== 'village' || within === 'county' || within === 'township';
}
