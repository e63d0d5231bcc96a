import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import {
  type DuplicateCandidate,
  type DuplicateDraft,
  findDuplicateCandidates,
  findDuplicatesForDrafts,
  recordDuplicateCandidatesOfMany,
} from './duplicates.js';
import { addChild, places } from './test-fixtures.js';

/*
 * The county branches of the candidate search keep only the children a proposal can come from
 * (unknown birth date, a birth date the window misses, a shared guardian): the same answers as
 * reading every same-name child of the county, checked here for a single draft and a batch.
 */

let database: TestDatabase;
const ids: Record<string, string> = {};
const codes = (found: DuplicateCandidate[], id: string | undefined) =>
  found.find((c) => c.childId === id)?.reasons.map((r) => r.code);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ids.guardianShared = await addChild(db, {
    name: '陈思远',
    birthDate: '2010-01-10',
    residence: places.chenlong,
    guardians: [{ name: '陈大海' }],
  });
  ids.guardianOtherCounty = await addChild(db, {
    name: '陈思远',
    birthDate: '2011-02-11',
    residence: places.nongli,
    guardians: [{ name: '陈大海' }],
  });
  ids.noGuardian = await addChild(db, { name: '陈思远', birthDate: '2012-03-12', residence: places.shakou });
  ids.nextMonth = await addChild(db, { name: '周子涵', birthDate: '2013-02-01', residence: places.chenlong });
  ids.nextMonthElsewhere = await addChild(db, { name: '周子涵', birthDate: '2013-02-01', residence: places.nongli });
  ids.birthUnknown = await addChild(db, { name: '吴一凡', birthDate: null, residence: places.chenlong });
  ids.withId = await addChild(db, {
    name: '郑好',
    birthDate: '2009-09-09',
    idNumber: '421002200909090013',
    residence: places.chenlong,
    guardians: [{ name: '郑大力' }],
  });
});
afterAll(async () => database.drop());

const drafts: Record<string, DuplicateDraft> = {
  withGuardian: {
    name: '陈思远',
    birthDate: '2014-06-06',
    idNumber: null,
    residenceCode: places.shakou,
    guardianNames: ['陈大海'],
  },
  withoutGuardian: { name: '陈思远', birthDate: '2014-06-06', idNumber: null, residenceCode: places.shakou },
  lastOfMonth: { name: '周子涵', birthDate: '2013-01-31', idNumber: null, residenceCode: places.shakou },
  knownBirth: { name: '吴一凡', birthDate: '2012-03-03', idNumber: null, residenceCode: places.shakou },
  otherId: {
    name: '郑好',
    birthDate: '2014-04-04',
    idNumber: '421002201404040016',
    residenceCode: places.shakou,
    guardianNames: ['郑大力'],
  },
};

describe('same name in the same county, born at another time', () => {
  for (const [label, search] of [
    ['one draft', async (draft: DuplicateDraft) => findDuplicateCandidates(database.db, draft)],
    [
      'a batch',
      async (draft: DuplicateDraft) =>
        (await findDuplicatesForDrafts(database.db, [drafts.withoutGuardian!, draft]))[1]!,
    ],
  ] as const) {
    it(`is proposed with a shared guardian name, only in the county (${label})`, async () => {
      const found = await search(drafts.withGuardian!);
      expect(codes(found, ids.guardianShared)).toEqual(['same_name', 'same_township', 'shared_guardian_name']);
      expect(codes(found, ids.guardianOtherCounty)).toBeUndefined();
      expect(codes(found, ids.noGuardian)).toBeUndefined();
      expect(await search(drafts.withoutGuardian!)).toEqual([]);
    });

    it(`is proposed one day off across the month's end, and when a birth date is unknown (${label})`, async () => {
      const found = await search(drafts.lastOfMonth!);
      expect(codes(found, ids.nextMonth)).toEqual(['same_name', 'birth_date_one_day', 'same_township']);
      expect(codes(found, ids.nextMonthElsewhere)).toBeUndefined();
      expect(codes(await search(drafts.knownBirth!), ids.birthUnknown)).toEqual(['same_name', 'same_township']);
    });

    it(`is not proposed for a guardian name alone when both ID numbers differ, unless the rules say so (${label})`, async () => {
      expect(codes(await search(drafts.otherId!), ids.withId)).toBeUndefined();
      const rule = await database.db
        .insertInto('rule_sets')
        .values({
          scope_code: '421002000000',
          version: 90,
          valid_from: '2000-01-01',
          rules: JSON.stringify({ 'registry.duplicates': { weights: { shared_guardian_name: 50 } } }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        expect(codes(await search(drafts.otherId!), ids.withId)).toEqual([
          'different_id_numbers',
          'same_name',
          'same_township',
          'shared_guardian_name',
        ]);
      } finally {
        await database.db.deleteFrom('rule_sets').where('id', '=', rule.id).execute();
      }
    });
  }
});

describe('recording the candidates of a batch', () => {
  it('stores a pair found from both of its new children once, as found last', async () => {
    const db = database.db;
    const a = await addChild(db, { name: '林小雨', birthDate: '2015-05-05', residence: places.chenlong });
    const b = await addChild(db, { name: '林小雨', birthDate: '2015-05-06', residence: places.chenlong });
    const written = await db.transaction().execute((trx) =>
      recordDuplicateCandidatesOfMany(trx, [
        {
          childId: a,
          candidates: [
            { childId: b, score: 60, reasons: [{ code: 'same_name' }] },
            { childId: a, score: 100, reasons: [] },
          ],
        },
        {
          childId: b,
          candidates: [{ childId: a, score: 70, reasons: [{ code: 'same_name' }, { code: 'birth_date_one_day' }] }],
        },
      ]),
    );
    expect(written).toBe(1);
    const stored = await db
      .selectFrom('duplicate_candidates')
      .select(['child_a', 'child_b', 'score', 'state'])
      .where((eb) => eb.or([eb('child_a', '=', a), eb('child_b', '=', a)]))
      .execute();
    expect(stored).toEqual([{ child_a: a < b ? a : b, child_b: a < b ? b : a, score: 70, state: 'open' }]);
  });
});
