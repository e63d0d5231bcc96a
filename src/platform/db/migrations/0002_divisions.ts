import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';

/*
 * The division tree (province → village) with each code's validity, and Hubei's 2023 codes as
 * data, so every Haven database — and every test database cloned from the migrated template —
 * has the map everything hangs on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per code, ever: rows are closed (valid_to), never deleted, so children and
  // organisations can reference the code with a foreign key whatever later datasets say.
  await sql`
    CREATE TABLE divisions (
      code text NOT NULL CHECK (code ~ '^[0-9]{12}$'),
      name text NOT NULL CHECK (name <> ''),
      level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
      depth smallint GENERATED ALWAYS AS (CASE level WHEN 'province' THEN 1 WHEN 'city' THEN 2 WHEN 'county' THEN 3 WHEN 'township' THEN 4 ELSE 5 END) STORED,
      parent_code text,
      short_name text NOT NULL,
      pinyin text NOT NULL,
      initials text NOT NULL,
      -- Character pairs of the name (rules.ts nameGrams): pg_trgm drops CJK characters when the
      -- ctype is C, as in the embedded PostgreSQL.
      name_grams text[] NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      successor_code text,
      CHECK ((level = 'province') = (parent_code IS NULL)),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK (successor_code IS NULL OR (valid_to IS NOT NULL AND successor_code <> code))
    )`.execute(db);

  await sql`
    CREATE TABLE division_datasets (
      province text NOT NULL CHECK (province ~ '^[0-9]{2}$'),
      code_year integer NOT NULL,
      valid_from date NOT NULL,
      source text NOT NULL,
      version text NOT NULL,
      licence text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      divisions integer NOT NULL,
      added integer NOT NULL,
      changed integer NOT NULL,
      reopened integer NOT NULL,
      closed integer NOT NULL,
      PRIMARY KEY (province, code_year)
    )`.execute(db);

  await loadHubei(db);

  // Keys and indexes are added after the rows are in: one sort per index and one check query per
  // foreign key instead of 28,000 insertions and trigger calls (about a second on two busy cores).
  await sql`ALTER TABLE divisions ADD PRIMARY KEY (code)`.execute(db);
  await sql`ALTER TABLE divisions ADD CONSTRAINT divisions_parent_fk FOREIGN KEY (parent_code) REFERENCES divisions (code)`.execute(
    db,
  );
  await sql`ALTER TABLE divisions ADD CONSTRAINT divisions_successor_fk FOREIGN KEY (successor_code) REFERENCES divisions (code)`.execute(
    db,
  );

  // Earlier names of a code, closed periods only; the current one is the row in divisions.
  await sql`
    CREATE TABLE division_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL REFERENCES divisions (code),
      name text NOT NULL,
      parent_code text,
      valid_from date NOT NULL,
      valid_to date NOT NULL CHECK (valid_to >= valid_from)
    )`.execute(db);
  await sql`CREATE INDEX division_history_code_idx ON division_history (code, valid_from)`.execute(db);

  await sql`CREATE INDEX divisions_children_idx ON divisions (parent_code, code)`.execute(db);
  await sql`CREATE INDEX divisions_code_pattern_idx ON divisions (code text_pattern_ops)`.execute(db);
  // A code-prefix search lists higher levels first: this order lets LIMIT stop early even for "42".
  await sql`CREATE INDEX divisions_depth_code_idx ON divisions (depth, code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX divisions_name_grams_idx ON divisions USING gin (name_grams)`.execute(db);
  await sql`CREATE INDEX divisions_name_pattern_idx ON divisions (name text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX divisions_pinyin_pattern_idx ON divisions (pinyin text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX divisions_initials_pattern_idx ON divisions (initials text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX divisions_pinyin_trgm_idx ON divisions USING gin (pinyin gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX divisions_successor_idx ON divisions (successor_code) WHERE successor_code IS NOT NULL`.execute(
    db,
  );
  await sql`ANALYZE divisions`.execute(db);
}

/*
 * Frozen data, not the feature's loader: the rows as this migration first wrote them (Hubei's 2023
 * codes from resources/divisions/42-2023.tsv.gz, keyed for search by the divisions feature of the
 * time: short name, pinyin, initials), in frozen/0002-hubei-2023.tsv.gz. A migration must write the
 * same rows on every install, whatever the feature's code and its pinyin dictionary become. No
 * audit entry either: restoring a backup migrates a new database first and relies on an empty
 * audit log; division_datasets records the load.
 */
interface FrozenDivisions {
  meta: { source: string; version: string; licence: string; codeYear: number; province: string; validFrom: string };
  rows: {
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    shortName: string;
    pinyin: string;
    initials: string;
  }[];
}

async function readFrozenDivisions(): Promise<FrozenDivisions> {
  const file = new URL('./frozen/0002-hubei-2023.tsv.gz', import.meta.url);
  const lines = (await promisify(gunzip)(await readFile(file))).toString('utf8').split('\n');
  const meta = JSON.parse((lines[0] ?? '').slice(2)) as FrozenDivisions['meta'];
  const rows = lines
    .slice(2)
    .filter((line) => line !== '')
    .map((line) => {
      const [code = '', name = '', level = '', parentCode = '', shortName = '', pinyin = '', initials = ''] =
        line.split('\t');
      return { code, name, level, parentCode: parentCode || null, shortName: shortName || name, pinyin, initials };
    });
  return { meta, rows };
}

/** Character pairs of a name (the divisions feature's nameGrams of the time): what name search indexes. */
function nameGrams(name: string): string[] {
  const chars = [...name];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((char, i) => `${chars[i]}${char}`))];
}

async function loadHubei(db: Kysely<unknown>): Promise<void> {
  const { meta, rows } = await readFrozenDivisions();
  const validFrom = meta.validFrom;
  await sql`
    INSERT INTO divisions (code, name, level, parent_code, short_name, pinyin, initials, name_grams, valid_from)
    SELECT t.code, t.name, t.level, t.parent_code, t.short_name, t.pinyin, t.initials, string_to_array(t.grams, chr(31)), ${validFrom}::date
    FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.level)}::text[],
                ${rows.map((r) => r.parentCode)}::text[], ${rows.map((r) => r.shortName)}::text[],
                ${rows.map((r) => r.pinyin)}::text[], ${rows.map((r) => r.initials)}::text[],
                ${rows.map((r) => nameGrams(r.name).join('\u001f'))}::text[])
      AS t(code, name, level, parent_code, short_name, pinyin, initials, grams)`.execute(db);
  await sql`
    INSERT INTO division_datasets (province, code_year, valid_from, source, version, licence, divisions, added, changed, reopened, closed)
    VALUES (${meta.province}, ${meta.codeYear}, ${validFrom}::date, ${meta.source}, ${meta.version}, ${meta.licence}, ${rows.length}, ${rows.length}, 0, 0, 0)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE division_datasets, division_history, divisions`.execute(db);
}
