import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { type Actor, systemActor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { childSearchKeys } from '../search-keys.js';
import { insertDraftBatch } from './bulk-insert.js';
import { uploadLedger } from './service.js';
import { spreadsheetLimitsOf } from './spreadsheet-limits.js';
import { loadConfig } from '../../../platform/config.js';
import type { ImportRow } from './store.js';
import { timeOrderedId } from './time-ordered-id.js';
import type { ChildDraft } from './validate.js';

interface Setup {
  database: TestDatabase;
  row: ImportRow;
}
let reference: Setup;
let bulk: Setup;
const actor = systemActor('ledger-test');

const draft = (n: number, extra: Partial<ChildDraft> = {}): ChildDraft => ({
  row: n,
  name: `测试${n}`,
  sex: n % 2 ? 'male' : 'female',
  birthDate: `2014-01-${String(n).padStart(2, '0')}`,
  idNumber: null,
  ethnicity: n === 3 ? '土家族' : null,
  address: `陈龙村${n}组`,
  residenceCode: '421002101201',
  hukouCode: n === 4 ? '421002101204' : null,
  school: n === 5 ? '岑河镇中心小学' : null,
  grade: n === 5 ? '三年级' : null,
  disabilityType: n === 6 ? '肢体' : null,
  disabilityGrade: n === 6 ? 2 : null,
  categories: n % 3 === 0 ? ['left_behind', 'poverty'] : n % 3 === 1 ? ['orphan'] : [],
  guardian:
    n % 4 === 0
      ? null
      : { name: `家长${n}`, relation: 'mother', phone: n % 2 ? `1380000${String(n).padStart(4, '0')}` : null },
  ...extra,
});

/** The row-by-row writer the import used before the bulk one, kept here as the reference. */
async function referenceInsert(
  trx: Transaction<Database>,
  who: Actor,
  ledger: ImportRow,
  drafts: readonly ChildDraft[],
): Promise<void> {
  for (const d of drafts) {
    const keys = childSearchKeys(d.name);
    const child = await trx
      .insertInto('children')
      .values({
        name: d.name,
        sex: d.sex,
        birth_date: d.birthDate,
        id_number: d.idNumber,
        ethnicity: d.ethnicity,
        address: d.address,
        residence_code: d.residenceCode,
        hukou_code: d.hukouCode,
        school: d.school,
        grade: d.grade,
        disability_type: d.disabilityType,
        disability_grade: d.disabilityGrade,
        name_grams: keys.nameGrams,
        pinyin_text: keys.pinyinText,
        registered_by_org: ledger.organisation_id,
        created_by: who.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (d.guardian)
      await trx
        .insertInto('family_members')
        .values({
          child_id: child.id,
          relation: d.guardian.relation,
          is_guardian: true,
          name: d.guardian.name,
          phone: d.guardian.phone,
        })
        .execute();
    for (const category of d.categories)
      await trx
        .insertInto('child_categories')
        .values({
          child_id: child.id,
          category,
          state: 'proposed',
          evidence: `ledger import: ${ledger.file_name}, row ${d.row}`,
          proposed_by_rule: 'ledger.import',
        })
        .execute();
    await trx
      .insertInto('child_timeline')
      .values({
        child_id: child.id,
        kind: 'child.registered',
        actor_user_id: who.userId,
        actor_label: who.label,
        reason: 'ledger import',
        entity_type: 'ledger_import',
        entity_id: ledger.id,
        details: JSON.stringify({ source: 'ledger', file: ledger.file_name, sheet: ledger.sheet, row: d.row }),
      })
      .execute();
  }
}

/** Everything written for the children of an import, with the ids and times a database makes replaced. */
async function written({ database, row }: Setup): Promise<unknown> {
  const db = database.db;
  const children = await sql<Record<string, unknown>>`
    SELECT name, sex, birth_date, id_number, ethnicity, address, residence_code, hukou_code, school, grade, disability_type, disability_grade,
           name_grams, pinyin_text, registered_by_org = ${row.organisation_id}::uuid AS by_org, created_by, status, former_names, household_benefits, risk_grade
    FROM children WHERE registered_by_org IS NOT NULL ORDER BY file_no`.execute(db);
  const family =
    await sql`SELECT c.name AS child, f.relation, f.is_guardian, f.name, f.phone, f.id_number, f.removed_at FROM family_members f JOIN children c ON c.id = f.child_id ORDER BY c.file_no`.execute(
      db,
    );
  const categories =
    await sql`SELECT c.name AS child, k.category, k.state, k.evidence, k.proposed_by_rule FROM child_categories k JOIN children c ON c.id = k.child_id ORDER BY c.file_no, k.category`.execute(
      db,
    );
  const timeline = await sql`
    SELECT c.name AS child, t.kind, t.actor_user_id, t.actor_label, t.reason, t.entity_type, t.entity_id = ${row.id} AS this_import, t.details, t.before, t.after
    FROM child_timeline t JOIN children c ON c.id = t.child_id ORDER BY t.id`.execute(db);
  return { children: children.rows, family: family.rows, categories: categories.rows, timeline: timeline.rows };
}

async function setUp(): Promise<Setup> {
  const database = await createTestDatabase();
  const org = await database.db
    .insertInto('organisations')
    .values({ name: '沙市区民政局', kind: 'civil_affairs_bureau', division_code: '421002000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { batch } = await uploadLedger(
    database.db,
    { ...actor, organisationId: org.id },
    {
      fileName: 'test.csv',
      content: Buffer.from('姓名,性别,出生日期,所在村\n张三,男,2014-01-01,陈龙村\n'),
      organisationId: org.id,
    },
    spreadsheetLimitsOf(loadConfig({})),
  );
  return {
    database,
    row: await database.db
      .selectFrom('ledger_imports')
      .selectAll()
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow(),
  };
}

beforeAll(async () => {
  reference = await setUp();
  bulk = await setUp();
});
afterAll(async () => {
  await reference.database.drop();
  await bulk.database.drop();
});

describe('the bulk writer of an import batch', () => {
  it('writes exactly the rows the row-by-row writer wrote: children, guardians, categories, timeline', async () => {
    const drafts = Array.from({ length: 12 }, (_, i) => draft(i + 1));
    await reference.database.db.transaction().execute((trx) => referenceInsert(trx, actor, reference.row, drafts));
    const kept = await bulk.database.db.transaction().execute((trx) => insertDraftBatch(trx, actor, bulk.row, drafts));
    expect(kept.map((k) => k.draft.row)).toEqual(drafts.map((d) => d.row));
    const expected = await written(reference);
    expect(await written(bulk)).toEqual(expected);
    expect(expected).toMatchObject({
      children: expect.arrayContaining([expect.objectContaining({ name: '测试3', by_org: true })]),
    });
    expect((expected as { timeline: unknown[] }).timeline).toHaveLength(12);
  });

  it('keeps the file order in the Haven codes and skips a child whose ID number was registered meanwhile', async () => {
    const taken = '421002201401070011';
    const db = bulk.database.db;
    await db
      .insertInto('children')
      .values({ name: '先登记', id_number: taken, residence_code: '421002101201' })
      .execute();
    const drafts = [
      draft(20, { name: '顺序一' }),
      draft(21, { name: '顺序二', idNumber: taken }),
      draft(22, { name: '顺序三' }),
    ];
    const kept = await db.transaction().execute((trx) => insertDraftBatch(trx, actor, bulk.row, drafts));
    expect(kept.map((k) => k.draft.name)).toEqual(['顺序一', '顺序三']);
    const made = await db
      .selectFrom('children')
      .select(['name', 'haven_code'])
      .where('name', 'like', '顺序%')
      .orderBy('haven_code')
      .execute();
    expect(made.map((c) => c.name)).toEqual(['顺序一', '顺序三']);
    expect(await db.selectFrom('children').select('name').where('id_number', '=', taken).execute()).toEqual([
      { name: '先登记' },
    ]);
    expect(
      await db
        .selectFrom('child_timeline')
        .select('id')
        .where(
          'child_id',
          'in',
          kept.map((k) => k.id),
        )
        .execute(),
    ).toHaveLength(2);
  });
});

describe('time-ordered ids', () => {
  it('are version 7 UUIDs that sort in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      parseInt(
        timeOrderedId(Date.UTC(2030, 0, 1))
          .replace(/-/g, '')
          .slice(0, 12),
        16,
      ),
    ).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });
});
