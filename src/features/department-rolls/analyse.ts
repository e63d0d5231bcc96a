import type { Kysely, Transaction } from 'kysely';
import {
  type RollMappingByHeader,
  type RollUploadQuery,
  rollMappingSchema,
} from '../../contract/department-rolls/rolls.js';
import type { MatchLevel, RollColumn } from '../../contract/department-rolls/vocabulary.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import {
  headerHas,
  isRollHeader,
  mappingByHeader,
  mapRollHeader,
  missingColumns,
  type RollMapping,
  type RowReading,
  readRollRow,
} from './columns.js';
import { matchRows, type RowMatches } from './matching.js';
import { resolvePlaceNames } from './place-names.js';
import { cellText, readSpreadsheetRows, type SpreadsheetLimits } from './registry-reader.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;
const headerSearchRows = 20;

export type MappingSource = 'given' | 'remembered' | 'recognised';

export interface AnalysedLine {
  row: number;
  reading: RowReading;
  matches: RowMatches;
}

/** A roll read and matched, nothing stored: what the dry run shows and the upload stores. */
export interface Analysis {
  headers: string[];
  mapping: RollMapping;
  byHeader: RollMappingByHeader;
  source: MappingSource;
  missing: RollColumn[];
  /** Data rows below the header (read even when columns are missing). */
  rowCount: number;
  lines: AnalysedLine[];
}

/** The mapping in the query (JSON of header text per column); bad JSON is a 400 naming the parameter. */
export function givenMapping(input: RollUploadQuery): RollMappingByHeader | null {
  if (!input.mapping) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.mapping);
  } catch {
    parsed = undefined;
  }
  const result = rollMappingSchema.safeParse(parsed);
  if (!result.success)
    throw new DomainError('rolls.mapping_invalid', 400, {}, [{ path: 'querystring.mapping', code: 'invalid' }]);
  return Object.fromEntries(Object.entries(result.data).filter(([, header]) => header)) as RollMappingByHeader;
}

/** The mapping this organisation used last for this department's kind of roll. */
export async function rememberedMapping(db: Db, actor: Actor, input: RollUploadQuery) {
  if (!actor.organisationId) return null;
  const row = await db
    .selectFrom('department_roll_mappings')
    .select('mapping')
    .where('organisation_id', '=', actor.organisationId)
    .where('department', '=', input.department)
    .where('kind', '=', input.kind)
    .executeTakeFirst();
  return row?.mapping ?? null;
}

function headerOf(texts: string[], given: RollMappingByHeader | null, remembered: RollMappingByHeader | null) {
  if (given)
    return headerHas(texts, given) ? { mapping: mappingByHeader(texts, given), source: 'given' as const } : null;
  const recognised = mapRollHeader(texts);
  if (remembered && headerHas(texts, remembered))
    return { mapping: { ...recognised, ...mappingByHeader(texts, remembered) }, source: 'remembered' as const };
  return isRollHeader(recognised) ? { mapping: recognised, source: 'recognised' as const } : null;
}

/**
 * Reads the first sheet with a header (within its first 20 rows) and matches every readable row.
 * `tolerant` (the dry run): a file whose header is not recognised takes its first row as the header
 * with nothing mapped, so the person can map it; the upload refuses it instead.
 */
export async function analyseRoll(
  db: Db,
  actor: Actor,
  input: RollUploadQuery,
  content: Buffer,
  limits: SpreadsheetLimits,
  options: { remembered: RollMappingByHeader | null; tolerant: boolean },
): Promise<Analysis> {
  const given = givenMapping(input);
  let sheet: string | null = null;
  let header: { mapping: RollMapping; source: MappingSource } | null = null;
  let headers: string[] = [];
  let firstRow: { sheet: string; texts: string[]; row: number } | null = null;
  const pending: { row: number; cells: Parameters<typeof readRollRow>[2] }[] = [];
  let seen = 0;
  for await (const { sheet: name, row, cells } of readSpreadsheetRows(content, input.fileName, limits)) {
    if (sheet !== null && name !== sheet) continue;
    if (row === 0) continue;
    const texts = cells.map(cellText);
    if (texts.every((text) => text === '')) continue;
    if (!header) {
      firstRow ??= { sheet: name, texts, row };
      if (firstRow.sheet === name) pending.push({ row, cells });
      seen += 1;
      header = headerOf(texts, given, options.remembered);
      if (header) {
        headers = texts;
        sheet = name;
        pending.length = 0;
      } else if (seen >= headerSearchRows && !options.tolerant)
        throw new DomainError('rolls.no_header', 400, { sheet: name });
      continue;
    }
    pending.push({ row, cells });
  }
  if (!header) {
    if (!options.tolerant || !firstRow) throw new DomainError('rolls.no_header', 400, { sheet: input.fileName });
    header = { mapping: mapRollHeader(firstRow.texts), source: 'recognised' };
    headers = firstRow.texts;
    pending.splice(0, pending.findIndex((p) => p.row === firstRow!.row) + 1);
  }
  const { mapping, source } = header;
  const byHeader = Object.fromEntries(
    Object.entries(mapping).map(([column, index]) => [column, headers[index] ?? '']),
  ) as RollMappingByHeader;
  const missing = missingColumns(input.kind, mapping);
  const rowCount = pending.length;
  if (missing.length > 0) return { headers, mapping, byHeader, source, missing, rowCount, lines: [] };
  const readings = await withPlaces(
    db,
    actor,
    pending.map(({ row, cells }) => ({ row, reading: readRollRow(input.kind, mapping, cells) })),
  );
  const readable = readings.flatMap(({ row, reading }) => (reading.ok ? [{ row, reading }] : []));
  const matches = await matchRows(db, actor, input.kind, readable);
  const none: RowMatches = { level: null, candidates: [] };
  return {
    headers,
    mapping,
    byHeader,
    source,
    missing,
    rowCount,
    lines: readings.map(({ row, reading }) => ({ row, reading, matches: matches.get(row) ?? none })),
  };
}

/**
 * Resolves the rows' place names inside the uploader's area: a row without an ID number whose place
 * is no division there is a problem row (the department corrects it), never matched without its place.
 */
async function withPlaces(
  db: Db,
  actor: Actor,
  readings: { row: number; reading: RowReading }[],
): Promise<{ row: number; reading: RowReading }[]> {
  const names = readings.flatMap(({ reading }) => (reading.ok && reading.placeName ? [reading.placeName] : []));
  const resolved = await resolvePlaceNames(db, actor, names);
  return readings.map(({ row, reading }) => {
    if (!reading.ok || !reading.placeName) return { row, reading };
    const codes = resolved.get(reading.placeName) ?? [];
    // A row with an ID number needs its place only if the number matches nobody.
    if (codes.length > 0 || reading.idNumber) return { row, reading: { ...reading, placeCodes: codes } };
    const problem = { code: 'rolls.place_unknown', column: 'division' as const, params: { name: reading.placeName } };
    return { row, reading: { ok: false, idNumber: reading.idNumber, name: reading.name, problems: [problem] } };
  });
}

export type Outcome = 'matched' | 'unmatched' | 'invalid';
export const outcomeOf = (line: AnalysedLine): Outcome =>
  !line.reading.ok ? 'invalid' : line.matches.candidates.length > 0 ? 'matched' : 'unmatched';

/** Rows per outcome and per level of match. */
export function countLines(lines: readonly AnalysedLine[]) {
  const counts = { rows: lines.length, certain: 0, strong: 0, weak: 0, ambiguous: 0, unmatched: 0, invalid: 0 };
  for (const line of lines) {
    const outcome = outcomeOf(line);
    if (outcome !== 'matched') counts[outcome] += 1;
    else counts[line.matches.level as MatchLevel] += 1;
  }
  return counts;
}
