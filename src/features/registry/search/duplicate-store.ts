import { type Kysely, sql, type Transaction } from 'kysely';
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
  /** Single drafts only: characters and pairs of the name, to find names one character apart. */
  grams?: string[];
}

/**
 * (draft index, child id) pairs worth scoring, for a batch of drafts in one statement: same ID;
 * same name or full pinyin born in the same month ± a day or with day and month swapped; same
 * name or pinyin in the same county whatever the birth date; a shared guardian phone.
 */
export async function candidatePairs(db: Db, drafts: readonly DraftKeys[], excludeIds: readonly string[] = []): Promise<Array<{ idx: number; childId: string }>> {
  if (drafts.length === 0) return [];
  const column = <T>(pick: (draft: DraftKeys) => T) => drafts.map(pick);
  const phones = drafts.flatMap((draft, idx) => draft.phones.map((phone) => ({ idx, phone })));
  const fuzzy = drafts.length === 1 && drafts[0]!.grams && drafts[0]!.windowFrom ? drafts[0]! : null;
  const result = await sql<{ idx: number; child_id: string }>`
    WITH d AS (
      SELECT * FROM unnest(
        ${sql.val(drafts.map((_, i) => i))}::int[], ${sql.val(column((x) => x.name))}::text[], ${sql.val(column((x) => x.pinyin))}::text[],
        ${sql.val(column((x) => x.birthDate))}::date[], ${sql.val(column((x) => x.windowFrom))}::date[], ${sql.val(column((x) => x.windowTo))}::date[],
        ${sql.val(column((x) => x.swapped))}::date[], ${sql.val(column((x) => x.idNumber))}::text[], ${sql.val(column((x) => x.county))}::text[]
      ) AS d(idx, name, pinyin, birth, wfrom, wto, swapped, id_number, county)
    ),
    g AS (SELECT * FROM unnest(${sql.val(phones.map((p) => p.idx))}::int[], ${sql.val(phones.map((p) => p.phone))}::text[]) AS g(idx, phone)),
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
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE c.name = d.name AND c.residence_code LIKE d.county || '%' OFFSET 0) x
      UNION
      SELECT d.idx, x.id FROM d CROSS JOIN LATERAL (SELECT c.id FROM children c WHERE split_part(c.pinyin_text, ' ', 1) = d.pinyin AND c.residence_code LIKE d.county || '%' OFFSET 0) x
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
    )
    SELECT pairs.idx, pairs.id AS child_id FROM pairs`.execute(db);
  // Merged files are dropped when their facts are read (candidateFacts): joining here costs a scan.
  const excluded = new Set(excludeIds);
  return result.rows.filter((row) => !excluded.has(row.child_id)).map((row) => ({ idx: row.idx, childId: row.child_id }));
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

export async function candidateFacts(db: Db, ids: readonly string[]): Promise<{ children: Map<string, CandidateRow>; family: Map<string, Array<{ name: string; phone: string | null }>> }> {
  if (ids.length === 0) return { children: new Map(), family: new Map() };
  const [rows, members] = await Promise.all([
    db
      .selectFrom('children')
      .select(['id', 'name', 'former_names', sql<string>`split_part(pinyin_text, ' ', 1)`.as('pinyin'), 'birth_date', 'id_number', 'residence_code'])
      .where('id', 'in', [...ids])
      .where('status', '<>', 'merged')
      .execute(),
    db.selectFrom('family_members').select(['child_id', 'name', 'phone']).where('child_id', 'in', [...ids]).where('removed_at', 'is', null).execute(),
  ]);
  const family = new Map<string, Array<{ name: string; phone: string | null }>>();
  for (const member of members) family.set(member.child_id, [...(family.get(member.child_id) ?? []), { name: member.name, phone: member.phone }]);
  return { children: new Map(rows.map((row) => [row.id, row])), family };
}
