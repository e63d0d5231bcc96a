import {
  type DivisionLevel,
  divisionLevels,
  isDivisionCode,
  isWithin,
  levelOf,
  subtreePrefix,
} from '../../core/places.js';

/**
 * Small-cell suppression: a count from 1 to 4 could point at a single, recognisable child, so it
 * is never published. Zero is published: it describes nobody.
 */
export const smallestPublishedCount = 5;

export function isSmallCount(count: number, threshold = smallestPublishedCount): boolean {
  return count >= 1 && count < threshold;
}

export interface CountCell<K> {
  key: K;
  count: number;
}

export interface PublishedCell<K> {
  key: K;
  count: number | null;
  suppressed: boolean;
}

export interface PublishedGroup<K> {
  cells: PublishedCell<K>[];
  total: number | null;
  totalSuppressed: boolean;
}

/**
 * Suppresses every small cell; when that hides exactly one cell, the total minus the published
 * cells would give it away, so the smallest publishable non-zero cell is hidden too (complementary
 * suppression). Zeros are not used as the complement: an empty place is often known from
 * elsewhere, so hiding it protects nothing. With no complement available the total is withheld
 * instead. A total from 1 to 4 is withheld like any small cell.
 */
export function suppressSmallCells<K>(
  cells: readonly CountCell<K>[],
  threshold = smallestPublishedCount,
): PublishedGroup<K> {
  const hidden = cells.map((cell) => isSmallCount(cell.count, threshold));
  if (hidden.filter(Boolean).length === 1) {
    let complement = -1;
    cells.forEach((cell, index) => {
      if (hidden[index] || cell.count < threshold) return;
      if (complement < 0 || cell.count < (cells[complement]?.count ?? Infinity)) complement = index;
    });
    if (complement >= 0) hidden[complement] = true;
  }
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const hiddenCount = hidden.filter(Boolean).length;
  const totalSuppressed = isSmallCount(total, threshold) || hiddenCount === 1;
  return {
    cells: cells.map((cell, index) =>
      hidden[index]
        ? { key: cell.key, count: null, suppressed: true }
        : { key: cell.key, count: cell.count, suppressed: false },
    ),
    total: totalSuppressed ? null : total,
    totalSuppressed,
  };
}

const codeLength: Record<DivisionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The level one below a division's, or undefined for a village (nothing lies below it). */
export function levelBelow(code: string): DivisionLevel | undefined {
  const level = levelOf(code);
  if (!level) return undefined;
  return divisionLevels[divisionLevels.indexOf(level) + 1];
}

/** How many leading digits of a residence code name its division at `level`. */
export function significantDigits(level: DivisionLevel): number {
  return codeLength[level];
}

/** The division at `level` that a full 12-digit code lies in: ('421002001203', 'county') → '421002000000'. */
export function divisionAtLevel(code: string, level: DivisionLevel): string {
  return code.slice(0, codeLength[level]).padEnd(12, '0');
}

/** A regular expression matching exactly the codes of the divisions one level below `code`. */
export function childCodePattern(code: string, below: DivisionLevel): string {
  const prefix = subtreePrefix(code);
  const free = codeLength[below] - prefix.length;
  return `^${prefix}(?!0{${free}})[0-9]{${free}}0{${12 - codeLength[below]}}$`;
}

/** Whether a division lies inside the actor's jurisdiction (a list of division codes). */
export function withinJurisdiction(jurisdiction: readonly string[], code: string): boolean {
  return isDivisionCode(code) && jurisdiction.some((root) => isDivisionCode(root) && isWithin(code, root));
}
