import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface DraftKeys {
  name: string;
  pinyin: string | null;
  birthDate: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  swapped: string | null;
  idNumber: string | null;
  county: string;
  phones: string[];
  /** Trimmed, non-empty. */
  guardianNames: string[];
  /** False: a shared guardian name cannot make two different ID numbers a proposal (the rules' weights). */
  guardianNameOutweighsIds: boolean;
  /** The draft's own file, if written already. */
  fileId: string | null;
  /** Single drafts only: characters and pairs of the name, to find names one character apart. */
  grams?: string[];
}

/**
 * (draft index, child id) pairs worth scoring, for a batch of drafts in one statement: same ID;
 * same name or full pinyin born in the same month ± a day or with day and month swapped; same
 * name or pinyin in the same county whatever the birth date; a shared guardian phone.
 *
 * A same-name child of the county born at another time can only be proposed for an unknown birth
 * date or a shared guardian (scoreDuplicate), so the county branches keep only those: the others,
 * most of the pairs of a common name, would be read and scored for nothing.
 */
export async function candidatePairs(
  db: Db,
  drafts: readonly DraftKeys[],
  excludeIds: readonly string[] = [],
): Promise<CandidatePairs> {
  if (drafts.length === 0) return { pairs: [], children: new Map(), family: new Map() };
  const rows = drafts.map((x, idx) => ({
    idx,
    name: x.name,
    pinyin: x.pinyin,
    birth: x.birthDate,
    wfrom: x.windowFrom,
    wto: x.windowTo,
    swapped: x.swapped,
    id_number: x.idNumber,
    county: x.county,
    gnames: x.guardianNames,
    gname_ids: x.guardianNameOutweighsIds,
    phones: x.phones,
    every: !x.birthDate || !x.idNumber || (x.guardianNameOutweighsIds && x.guardianNames.length > 0),
    self: x.fileId,
  }));
  const fuzzy = drafts.length === 1 && drafts[0]!.grams && drafts[0]!.windowFrom ? drafts[0]! : null;
  // The day after the window (a birth date one day off across the month's end) and the swapped date
  // are found by the window branches only for the same pinyin; here they keep the pair for any name.
  // A shared guardian phone is the phone branch's own predicate, so only guardian names are looked up,
  // and only where they can make a proposal (gname_ids: see guardianNameOutweighsIds).
  const sameGuardian = sql`cardinality(d.gnames) > 0 AND EXISTS (SELECT 1 FROM family_members fm WHERE fm.child_id = c.id AND fm.removed_at IS NULL AND fm.name = ANY (d.gnames))`;
  const mayBeSame = sql`(d.birth IS NULL OR c.birth_date IS NULL OR c.birth_date = d.wto OR c.birth_date = d.swapped OR (
        (d.gname_ids OR d.id_number IS NULL OR coalesce(c.id_number, '') = '') AND ${sameGuardian}))`;
  // A draft with a birth date and an ID number (every import row) needs only three kinds of them, each
  // an index condition: born on those two dates, born on an unknown date, or without an ID number and
  // sharing a guardian name. The others (d.every) read every same-name child of the county.
  const inCounty = (key: RawBuilder<unknown>) => sql`
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE ${key} AND left(c.residence_code, 6) = d.county AND ${mayBeSame} OFFSET 0) x
      WHERE d.every
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE ${key} AND left(c.residence_code, 6) = d.county AND c.birth_date = ANY (ARRAY[d.wto, d.swapped]) OFFSET 0) x
      WHERE NOT d.every
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE ${key} AND left(c.residence_code, 6) = d.county AND c.birth_date IS NULL OFFSET 0) x
      WHERE NOT d.every
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE ${key} AND left(c.residence_code, 6) = d.county AND coalesce(c.id_number, '') = '' AND ${sameGuardian} OFFSET 0) x
      WHERE NOT d.every AND cardinality(d.gnames) > 0`;
  const result = await sql<CandidateRow & { idx: number; family: Array<{ name: string; phone: string | null }> }>`
    WITH d AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS d(
        idx int, name text, pinyin text, birth date, wfrom date, wto date, swapped date, id_number text, county text, gnames text[], gname_ids boolean, phones text[], every boolean, self uuid)
    ),
    g AS (SELECT d.idx, unnest(d.phones) AS phone FROM d),
    pairs AS (
      -- Each branch probes an index once per draft (LATERAL … OFFSET 0 keeps the planner from turning
      -- it into a hash join over every child, which costs seconds at a million children).
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE c.id_number = d.id_number AND c.status <> 'merged' OFFSET 0) x
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE c.name = d.name AND c.birth_date >= d.wfrom AND c.birth_date < d.wto OFFSET 0) x
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE split_part(c.pinyin_text, ' ', 1) = d.pinyin AND c.birth_date >= d.wfrom AND c.birth_date < d.wto OFFSET 0) x
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE split_part(c.pinyin_text, ' ', 1) = d.pinyin AND c.birth_date = d.swapped OFFSET 0) x
      UNION
      ${inCounty(sql`c.name = d.name`)}
      UNION
      -- The same name is the branches above (same conditions): checked once, not twice.
      ${inCounty(sql`split_part(c.pinyin_text, ' ', 1) = d.pinyin AND c.name <> d.name`)}
      UNION
      SELECT g.idx, x.child_id FROM g CROSS JOIN LATERAL (
        -- A range, not "=": PostgreSQL would answer "=" from the trigram index (20 ms a probe) instead of the btree.
        SELECT fm.child_id FROM family_members fm
        WHERE regexp_replace(fm.phone, '\\D', '', 'g') >= g.phone AND regexp_replace(fm.phone, '\\D', '', 'g') <= g.phone AND fm.removed_at IS NULL AND fm.phone IS NOT NULL OFFSET 0
      ) x
      ${
        fuzzy
          ? // Children born in the window first (a month of births), then those sharing a character: a
            // common surname's character alone matches 7 % of all children in the GIN index.
            sql`UNION
      SELECT 0, w.id FROM (
        SELECT c.id, c.name_grams FROM children c
        WHERE c.birth_date >= ${fuzzy.windowFrom}::date AND c.birth_date < ${fuzzy.windowTo}::date OR c.birth_date = ${fuzzy.swapped}::date
        OFFSET 0
      ) w WHERE w.name_grams && ${sql.val(fuzzy.grams)}::text[]`
          : sql``
      }
    ),
    found AS (SELECT pairs.idx, pairs.id FROM pairs JOIN d ON d.idx = pairs.idx WHERE d.self IS NULL OR pairs.id <> d.self),
    -- The facts to score each candidate by, read once per child however many drafts found it.
    facts AS (
      SELECT c.id, c.name, c.former_names, split_part(c.pinyin_text, ' ', 1) AS pinyin, c.birth_date, c.id_number, c.residence_code,
             (SELECT coalesce(jsonb_agg(jsonb_build_object('name', fm.name, 'phone', fm.phone)), '[]'::jsonb)
              FROM family_members fm WHERE fm.child_id = c.id AND fm.removed_at IS NULL) AS family
      FROM (SELECT DISTINCT id FROM found) p JOIN children c ON c.id = p.id
      -- Merged files are dropped here, once per child: joining them away in each branch costs a scan.
      WHERE c.status <> 'merged'
    )
    SELECT found.idx, facts.* FROM found JOIN facts ON facts.id = found.id`.execute(db);
  const excluded = new Set(excludeIds);
  const found: CandidatePairs = { pairs: [], children: new Map(), family: new Map() };
  for (const { idx, family, ...child } of result.rows) {
    if (excluded.has(child.id)) continue;
    found.pairs.push({ idx, childId: child.id });
    found.children.set(child.id, child);
    found.family.set(child.id, family);
  }
  return found;
}

export interface CandidatePairs {
  pairs: Array<{ idx: number; childId: string }>;
  children: Map<string, CandidateRow>;
  /** Current family members of each candidate. */
  family: Map<string, Array<{ name: string; phone: string | null }>>;
}

export interface CandidateRow {
  id: string;
  name: string;
  former_names: string[];
  pinyin: string;
  birth_date: string | null;
  id_number: string | null;
  residence_code: string;
}
