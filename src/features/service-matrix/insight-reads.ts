import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { countyReport, resolveMatrix } from './rules.js';
import { loadVersions, organisationsServing } from './store.js';

/**
 * Each county's overlaps (a service with two or more kinds leading, each present) and gaps (a
 * service no organisation serving the county provides) under the matrix in force on `day`, for
 * the insight snapshots (counts only). The organisations are today's directory: it keeps no history.
 */
export async function matrixFindingsOn(
  db: Kysely<Database> | Transaction<Database>,
  countyCodes: readonly string[],
  day: string,
): Promise<{ countyCode: string; overlaps: number; gaps: number }[]> {
  if (countyCodes.length === 0) return [];
  const versions = await loadVersions(db);
  const cities = [...new Set(countyCodes.map((code) => `${code.slice(0, 4)}00000000`))];
  const found: { countyCode: string; overlaps: number; gaps: number }[] = [];
  for (const city of cities) {
    const organisations = await organisationsServing(db, city);
    for (const code of countyCodes.filter((county) => county.startsWith(city.slice(0, 4)))) {
      const report = countyReport({ code, name: code }, resolveMatrix(versions, code, day), organisations);
      found.push({ countyCode: code, overlaps: report.overlaps.length, gaps: report.gaps.length });
    }
  }
  return found;
}
