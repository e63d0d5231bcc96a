import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

/*
 * Reads the per-province division files built by scripts/divisions/build-province.ts:
 * gzipped UTF-8 TSV, a `# {json}` provenance line, a header line, then one division per line:
 * code (12 digits) · name · level · parent code (empty for the province).
 */

export const DIVISION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

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
  return (DIVISION_LEVELS as readonly string[]).includes(value);
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

async function* readItems(file: string): AsyncGenerator<FileItem> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let sawHeader = false;
  for await (const line of lines) {
    lineNumber += 1;
    if (line === '') continue;
    if (line.startsWith('#')) {
      yield { kind: 'meta', meta: parseMeta(line) };
    } else if (!sawHeader) {
      if (line !== HEADER) throw new DivisionFileError(`${file}: unexpected header ${JSON.stringify(line)}`);
      sawHeader = true;
    } else {
      yield { kind: 'row', row: parseDivisionLine(line, lineNumber) };
    }
  }
}

/** Streams the rows of a division file, in code order (parents before children). */
export async function* readDivisionRows(file: string): AsyncGenerator<DivisionRow> {
  for await (const item of readItems(file)) if (item.kind === 'row') yield item.row;
}

/** Reads a whole division file: a province is small enough (Hubei ≈ 29k rows) to hold in memory. */
export async function loadDivisionFile(file: string): Promise<{ meta: DivisionFileMeta; rows: DivisionRow[] }> {
  let meta: DivisionFileMeta | undefined;
  const rows: DivisionRow[] = [];
  for await (const item of readItems(file)) {
    if (item.kind === 'meta') meta = item.meta;
    else rows.push(item.row);
  }
  if (meta === undefined) throw new DivisionFileError(`${file}: no provenance line`);
  return { meta, rows };
}

/**
 * Path of a shipped division file. Searches upwards from this module so it works from `src/` under
 * tsx and from the compiled `dist/server/src/`.
 */
export function shippedDivisionFile(province: string, codeYear = 2023): string {
  const name = `${province}-${codeYear}.tsv.gz`;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'divisions', name);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new DivisionFileError(`no shipped division file ${name}`);
    dir = parent;
  }
}
