/** Pure decisions of the auditor's view: what a filter means, how a cell is made safe. */

// Auditors name days as they live them: a bare date is a day in China Standard Time.
const chinaOffset = '+08:00';
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export interface UpperBound {
  at: Date;
  /** A day's bound is the next midnight, excluded; an instant's bound is itself, included. */
  inclusive: boolean;
}

export function lowerBound(value: string): Date {
  return dayPattern.test(value) ? new Date(`${value}T00:00:00${chinaOffset}`) : new Date(value);
}

export function upperBound(value: string): UpperBound {
  if (!dayPattern.test(value)) return { at: new Date(value), inclusive: true };
  const start = new Date(`${value}T00:00:00${chinaOffset}`);
  return { at: new Date(start.getTime() + 24 * 3600 * 1000), inclusive: false };
}

/** True when no instant can lie between `from` and `to`. */
export function rangeIsEmpty(from: string, to: string): boolean {
  const low = lowerBound(from).getTime();
  const high = upperBound(to);
  return high.inclusive ? high.at.getTime() < low : high.at.getTime() <= low;
}

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
