import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { presentCandidates } from './candidates-view.js';
import { findDuplicateCandidates, findDuplicatesForDrafts, recordDuplicateCandidates } from './duplicates.js';
import { addChild, officer, places } from './test-fixtures.js';

let database: TestDatabase;
const ids: Record<string, string> = {};
const draft = { name: '张伟明', birthDate: '2015-03-02', idNumber: null, residenceCode: places.chenlong };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ids.sameElsewhere = await addChild(db, { name: '张伟明', birthDate: '2015-03-03', residence: places.nongli });
  ids.swappedNearby = await addChild(db, { name: '张伟民', birthDate: '2015-02-03', residence: places.shakou });
  ids.byId = await addChild(db, {
    name: '李四',
    birthDate: '2013-01-01',
    idNumber: '421002201503020011',
    residence: places.heyi,
  });
  ids.former = await addChild(db, { name: '王小明', formerNames: ['张伟明'], birthDate: '2015-03-02' });
  ids.sibling = await addChild(db, {
    name: '张伟亮',
    birthDate: '2011-08-08',
    guardians: [{ name: '刘芳', phone: '13900001111' }],
  });
  ids.guardianShared = await addChild(db, {
    name: '张伟明',
    birthDate: '2016-09-09',
    residence: places.heyi,
    guardians: [{ name: '刘芳', phone: '139 0000 1111' }],
  });
  ids.merged = await addChild(db, { name: '张伟明', birthDate: '2015-03-02', status: 'merged' });
  ids.pinyinTwin = await addChild(db, { name: '章伟明', birthDate: '2015-03-20', residence: places.chenlong });
});
afterAll(async () => database.drop());

describe('candidates for one draft', () => {
  it('finds the same child across jurisdictions, with reasons, best first; never a merged file', async () => {
    const found = await findDuplicateCandidates(database.db, { ...draft, idNumber: '421002201503020011' });
    const byId = new Map(found.map((c) => [c.childId, c]));
    expect(byId.get(ids.byId!)).toMatchObject({ score: 100, reasons: [{ code: 'same_id_number' }] });
    expect(byId.get(ids.sameElsewhere!)?.reasons.map((r) => r.code)).toEqual(['same_name', 'birth_date_one_day']);
    expect(byId.get(ids.swappedNearby!)?.reasons.map((r) => r.code)).toEqual([
      'one_char_different',
      'birth_day_month_swapped',
      'same_township',
    ]);
    expect(byId.get(ids.former!)?.reasons.map((r) => r.code)).toEqual([
      'former_name',
      'same_birth_date',
      'same_village',
    ]);
    expect(byId.get(ids.pinyinTwin!)?.reasons.map((r) => r.code)).toEqual([
      'same_pinyin',
      'birth_same_month',
      'same_village',
    ]);
    expect(byId.has(ids.merged!)).toBe(false);
    expect(found.map((c) => c.score)).toEqual([...found.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('a shared guardian phone counts with the same name, never alone (siblings)', async () => {
    const found = await findDuplicateCandidates(database.db, {
      ...draft,
      guardianPhones: ['13900001111'],
      guardianNames: ['刘芳'],
    });
    const shared = found.find((c) => c.childId === ids.guardianShared);
    expect(shared?.reasons.map((r) => r.code)).toEqual(['same_name', 'shared_guardian_phone', 'shared_guardian_name']);
    expect(found.some((c) => c.childId === ids.sibling)).toBe(false);
  });

  it('leaves out the file being edited', async () => {
    const found = await findDuplicateCandidates(database.db, draft, { excludeChildIds: [ids.former!] });
    expect(found.some((c) => c.childId === ids.former)).toBe(false);
  });
});

describe('candidates for an import batch', () => {
  it('answers every draft in order, in one pass', async () => {
    const results = await findDuplicatesForDrafts(database.db, [
      draft,
      { name: '无此人', birthDate: '2010-01-01', idNumber: null, residenceCode: places.chenlong },
      { name: '某某', birthDate: null, idNumber: '421002201503020011', residenceCode: places.chenlong },
      { name: '章伟明', birthDate: '2015-03-02', idNumber: null, residenceCode: places.nongli },
    ]);
    expect(results).toHaveLength(4);
    expect(results[0]!.map((c) => c.childId)).toEqual(expect.arrayContaining([ids.sameElsewhere, ids.pinyinTwin]));
    expect(results[1]).toEqual([]);
    expect(results[2]!.map((c) => c.childId)).toEqual([ids.byId]);
    expect(results[3]!.map((c) => c.childId)).toEqual(expect.arrayContaining([ids.sameElsewhere, ids.pinyinTwin]));
  });
});

describe('recording candidates for review', () => {
  it('stores each pair once and never reopens a decided pair', async () => {
    const db = database.db;
    const child = await addChild(db, { name: '张伟明', birthDate: '2015-03-02', residence: places.chenlong });
    const found = await findDuplicateCandidates(db, draft, { excludeChildIds: [child] });
    expect(await db.transaction().execute((trx) => recordDuplicateCandidates(trx, child, found))).toBe(found.length);
    const stored = await db
      .selectFrom('duplicate_candidates')
      .selectAll()
      .where((eb) => eb.or([eb('child_a', '=', child), eb('child_b', '=', child)]))
      .execute();
    expect(stored).toHaveLength(found.length);
    expect(stored.every((row) => row.child_a < row.child_b && row.state === 'open')).toBe(true);
    const decided = stored[0]!;
    await db.updateTable('duplicate_candidates').set({ state: 'not_same' }).where('id', '=', decided.id).execute();
    const again = found.map((c) => ({ ...c, score: c.score - 1 }));
    expect(await db.transaction().execute((trx) => recordDuplicateCandidates(trx, child, again))).toBe(
      found.length - 1,
    );
    const after = await db
      .selectFrom('duplicate_candidates')
      .select(['state', 'score'])
      .where('id', '=', decided.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'not_same', score: decided.score });
  });
});

describe('what the registrar is shown', () => {
  it('a file in another jurisdiction is only counted (no Haven code, no county, no reasons), and the check is audited', async () => {
    const db = database.db;
    const village = officer([places.chenlong]);
    const found = await findDuplicateCandidates(db, draft);
    const { candidates: views, elsewhere } = await presentCandidates(db, village, found);
    const mine = views.find((v) => v.child.id === ids.former);
    expect(mine).toMatchObject({ inScope: true, child: { name: '王小明' } });
    const outside = found.filter((c) => !views.some((v) => v.child.id === c.childId));
    expect(elsewhere).toBe(outside.length);
    expect(elsewhere).toBeGreaterThan(0);
    const codes = (
      await db
        .selectFrom('children')
        .select('haven_code')
        .where(
          'id',
          'in',
          outside.map((c) => c.childId),
        )
        .execute()
    ).map((row) => row.haven_code);
    for (const leak of [...codes, ...outside.map((c) => c.childId), '公安县', places.nongli])
      expect(JSON.stringify(views)).not.toContain(leak);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'children.duplicate_check')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).toContain(outside[0]!.childId);
  });
});
