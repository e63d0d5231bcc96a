/** Pure decisions of the auditor's view: what a filter means, how a cell is made safe. */

export { lowerBound, rangeIsEmpty, type UpperBound, upperBound } from '../../contract/audit/range.js';

export type ActionMatch = { kind: 'exact'; action: string } | { kind: 'prefix'; prefix: string };

/** `auth.` and `auth.*` mean every action under `auth.`; anything else is one action. */
export function parseActionFilter(input: string): ActionMatch {
  const trimmed = input.trim();
  if (trimmed.endsWith('*')) return { kind: 'prefix', prefix: trimmed.slice(0, -1) };
  if (trimmed.endsWith('.')) return { kind: 'prefix', prefix: trimmed };
  return { kind: 'exact', action: trimmed };
}

// Shared with other features' spreadsheets and searches, so they live in platform.
export { escapeLike } from '../../platform/text/escape-like.js';
export { cellCharacterLimit, escapeCell, fitCell } from '../../platform/spreadsheet/cells.js';

/** Wall-clock time in China for a spreadsheet date cell (xlsx dates carry no zone). */
export function chinaWallClock(at: Date): Date {
  return new Date(at.getTime() + 8 * 3600 * 1000);
}
