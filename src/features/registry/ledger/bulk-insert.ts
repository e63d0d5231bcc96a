import { type Kysely, sql, type Transaction } from 'kysely';
import { timelineInsertFrom } from '../../../core/timeline.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { childSearchKeys } from '../search-keys.js';
import { timeOrderedId } from './time-ordered-id.js';
import type { ImportRow } from './store.js';
import type { ChildDraft } from './validate.js';

export interface InsertedDraft {
  id: string;
  draft: ChildDraft;
}

/*
 * One batch of drafts written as a few set-based statements: each table gets its rows as one JSON
 * parameter unpacked by jsonb_to_recordset, so a statement costs the same to send and plan for
 * 5 rows or 5,000 (a multi-row VALUES of 17 columns × 1,000 rows is 17,000 parameters to bind).
 */

// Each row carries its position n: ORDER BY n keeps the file's order in serial columns (file_no, so
// the Haven codes, and the timeline's id).
const json = (rows: readonly object[]) => JSON.stringify(rows.map((row, n) => ({ ...row, n })));

/**
 * Inserts the children of a batch; a row whose ID number was registered meanwhile by someone else
 * is skipped (that file stands). Returns the drafts that became children, in the batch's order.
 */
async function insertChildren(
  trx: Transaction<Database>,
  actor: Actor,
  row: ImportRow,
  drafts: readonly ChildDraft[],
  fileNumbers?: readonly string[],
): Promise<InsertedDraft[]> {
  const withIds = drafts.map((draft) => ({ draft, id: timeOrderedId() }));
  const rows = withIds.map(({ draft, id }, i) => {
    const keys = draft.searchKeys ?? childSearchKeys(draft.name);
    return {
      id,
      file_no: fileNumbers?.[i] ?? null,
      name: draft.name,
      sex: draft.sex,
      birth_date: draft.birthDate,
      id_number: draft.idNumber,
      ethnicity: draft.ethnicity,
      address: draft.address,
      residence_code: draft.residenceCode,
      hukou_code: draft.hukouCode,
      school: draft.school,
      grade: draft.grade,
      disability_type: draft.disabilityType,
      disability_grade: draft.disabilityGrade,
      name_grams: keys.nameGrams,
      pinyin_text: keys.pinyinText,
    };
  });
  const inserted = await sql<{ id: string }>`
    INSERT INTO children (id, file_no, name, sex, birth_date, id_number, ethnicity, address, residence_code, hukou_code, school, grade,
                          disability_type, disability_grade, name_grams, pinyin_text, registered_by_org, created_by)
    SELECT d.id, coalesce(d.file_no, nextval(pg_get_serial_sequence('children', 'file_no'))), d.name, d.sex, d.birth_date, d.id_number, d.ethnicity, d.address, d.residence_code, d.hukou_code, d.school, d.grade,
           d.disability_type, d.disability_grade, d.name_grams, d.pinyin_text, ${row.organisation_id}::uuid, ${actor.userId}::uuid
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS d(
      id uuid, file_no bigint, name text, sex text, birth_date date, id_number text, ethnicity text, address text, residence_code text, hukou_code text,
      school text, grade text, disability_type text, disability_grade smallint, name_grams text[], pinyin_text text, n bigint)
    ORDER BY d.n
    ON CONFLICT (id_number) WHERE id_number IS NOT NULL AND status <> 'merged' DO NOTHING
    RETURNING id`.execute(trx);
  const created = new Set(inserted.rows.map((r) => r.id));
  return withIds.filter(({ id }) => created.has(id));
}

/**
 * The next `count` file numbers (so Haven codes), in order. Taken before a batch is written, they
 * keep the file's order in the codes although two batches insert at the same time.
 */
export async function reserveFileNumbers(db: Kysely<Database>, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ n: string }>`
    SELECT nextval(pg_get_serial_sequence('children', 'file_no'))::text AS n FROM generate_series(1, ${count}::int)`.execute(
    db,
  );
  return rows.map((r) => r.n).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Writes a batch's new children with their guardian, proposed categories and "registered" timeline
 * entry, in the caller's transaction. `fileNumbers` (one per draft, from `reserveFileNumbers`) are
 * their file numbers; without them the sequence gives them in the batch's order.
 */
export async function insertDraftBatch(
  trx: Transaction<Database>,
  actor: Actor,
  row: ImportRow,
  drafts: readonly ChildDraft[],
  fileNumbers?: readonly string[],
): Promise<InsertedDraft[]> {
  if (drafts.length === 0) return [];
  const kept = await insertChildren(trx, actor, row, drafts, fileNumbers);
  if (kept.length === 0) return kept;

  const guardians = kept
    .filter(({ draft }) => draft.guardian)
    .map(({ draft, id }) => ({
      id: timeOrderedId(),
      child_id: id,
      relation: draft.guardian!.relation,
      name: draft.guardian!.name,
      phone: draft.guardian!.phone,
    }));
  if (guardians.length > 0) {
    await sql`
      INSERT INTO family_members (id, child_id, relation, is_guardian, name, phone)
      SELECT d.id, d.child_id, d.relation, true, d.name, d.phone
      FROM jsonb_to_recordset(${json(guardians)}::jsonb) AS d(id uuid, child_id uuid, relation text, name text, phone text, n bigint)
      ORDER BY d.n`.execute(trx);
  }

  const categories = kept.flatMap(({ draft, id }) =>
    draft.categories.map((category) => ({
      id: timeOrderedId(),
      child_id: id,
      category,
      evidence: `ledger import: ${row.file_name}, row ${draft.row}`,
    })),
  );
  if (categories.length > 0) {
    await sql`
      INSERT INTO child_categories (id, child_id, category, state, evidence, proposed_by_rule)
      SELECT d.id, d.child_id, d.category, 'proposed', d.evidence, 'ledger.import'
      FROM jsonb_to_recordset(${json(categories)}::jsonb) AS d(id uuid, child_id uuid, category text, evidence text, n bigint)
      ORDER BY d.n
      ON CONFLICT DO NOTHING`.execute(trx);
  }

  const timeline = kept.map(({ draft, id }) => ({
    child_id: id,
    details: { source: 'ledger', file: row.file_name, sheet: row.sheet, row: draft.row },
  }));
  await timelineInsertFrom(
    actor,
    sql`
      SELECT d.child_id, 'child.registered', 'ledger import', 'ledger_import', ${row.id}, NULL, NULL, d.details
      FROM jsonb_to_recordset(${json(timeline)}::jsonb) AS d(child_id uuid, details jsonb, n bigint)
      ORDER BY d.n`,
  ).execute(trx);
  return kept;
}
