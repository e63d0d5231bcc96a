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

/** Escapes LIKE wildcards so user text matches literally (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs evaluate text that looks like a formula (CSV/formula injection); an audit
 * log holds text typed by anyone, so such text gets a leading apostrophe and stays text.
 */
export function escapeCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

// One xlsx cell holds at most 32,767 characters; longer text would corrupt the file.
export const cellCharacterLimit = 32_000;

export function fitCell(value: string): string {
  const safe = escapeCell(value);
  return safe.length > cellCharacterLimit ? `${safe.slice(0, cellCharacterLimit)}…` : safe;
}

/** Wall-clock time in China for a spreadsheet date cell (xlsx dates carry no zone). */
export function chinaWallClock(at: Date): Date {
  return new Date(at.getTime() + 8 * 3600 * 1000);
}
