import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { childListQuerySchema } from '../../../contract/registry/search.js';
import { scopePaths } from './scope-paths.js';
import { searchChildren } from './service.js';
import { addChild, officer, places } from './test-fixtures.js';

let database: TestDatabase;
let organisationId: string;
const now = new Date('2026-06-01T04:00:00Z');

const actor = (jurisdiction: string[], childJurisdiction?: string[]): Actor => ({
  ...officer(jurisdiction),
  organisationId,
  ...(childJurisdiction ? { childJurisdiction } : {}),
});
const actors: Record<string, () => Actor> = {
  'village director': () => actor([places.chenlong]),
  'county officer': () => actor(['421002000000']),
  'township officer in two townships': () => actor(['421002101000', '421022100000']),
  'province officer': () => actor(['420000000000']),
  'social worker (cases only)': () => actor(['421002000000'], []),
  'officer of no organisation': () => ({ ...officer(['421002000000']), organisationId: null }),
};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  organisationId = (
    await db
      .insertInto('organisations')
      .values({ name: '童心社工', kind: 'social_work', division_code: '421000000000' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const moved = async (name: string, residence: string, hukou: string) => {
    const id = await addChild(db, { name, residence });
    await db.updateTable('children').set({ hukou_code: hukou }).where('id', '=', id).execute();
    return id;
  };
  await addChild(db, { name: '陈龙村的孩子', residence: places.chenlong });
  await addChild(db, { name: '沙口村的孩子', residence: places.shakou });
  await addChild(db, { name: '农利村的孩子', residence: places.nongli });
  await moved('户籍在陈龙村的孩子', places.nongli, places.chenlong);
  await moved('住在陈龙村的孩子', places.chenlong, places.heyi);
  const withCase = await addChild(db, { name: '有个案的孩子', residence: places.heyi });
  const caseEnded = await addChild(db, { name: '个案已结束的孩子', residence: places.heyi });
  const caseInVillage = await addChild(db, { name: '陈龙村有个案的孩子', residence: places.chenlong });
  for (const child of [withCase, caseEnded, caseInVillage]) {
    await db
      .insertInto('child_participations')
      .values({
        child_id: child,
        organisation_id: organisationId,
        basis: 'case',
        basis_id: 'test',
        ended_at: child === caseEnded ? new Date() : null,
      })
      .execute();
  }
});
afterAll(async () => database.drop());

describe('the parts of a scope a search reads', () => {
  it.each(Object.keys(actors))('together are exactly the children in scope, each once: %s', async (label) => {
    const who = actors[label]!();
    const inScope = await database.db
      .selectFrom('children')
      .select('id')
      .where(childInScope(who))
      .orderBy('id')
      .execute();
    const parts = await Promise.all(
      (await scopePaths(database.db, who)).map((path) =>
        database.db.selectFrom('children').select('id').where(childInScope(who)).where(path.where).execute(),
      ),
    );
    const union = parts
      .flat()
      .map((row) => row.id)
      .sort();
    expect(union).toEqual(inScope.map((row) => row.id));
    expect(new Set(union).size).toBe(union.length);
  });

  it('a village director finds children registered or living in the village and those of its cases, nothing else', async () => {
    const names = async (q?: string) =>
      (
        await searchChildren(
          database.db,
          actors['village director']!(),
          childListQuerySchema.parse({ ...(q ? { q } : {}), pageSize: 50 }),
          now,
        )
      ).items
        .map((item) => item.name)
        .sort();
    const expected = [
      '住在陈龙村的孩子',
      '户籍在陈龙村的孩子',
      '有个案的孩子',
      '陈龙村有个案的孩子',
      '陈龙村的孩子',
    ].sort();
    expect(await names()).toEqual(expected);
    expect(await names('孩子')).toEqual(expected);
    expect(await names('个案')).toEqual(['有个案的孩子', '陈龙村有个案的孩子'].sort());
    const page = await searchChildren(
      database.db,
      actors['village director']!(),
      childListQuerySchema.parse({ q: '孩子', pageSize: 2 }),
      now,
    );
    expect(page).toMatchObject({ total: 5, totalCapped: false });
    expect(page.items).toHaveLength(2);
  });

  it('a social worker finds only the children of its open cases', async () => {
    const page = await searchChildren(
      database.db,
      actors['social worker (cases only)']!(),
      childListQuerySchema.parse({ q: '孩子' }),
      now,
    );
    expect(page.items.map((item) => item.name).sort()).toEqual(['有个案的孩子', '陈龙村有个案的孩子'].sort());
    expect(page.total).toBe(2);
  });

  it('reads a county by its code range, the same children as the LIKE of the scope', async () => {
    const county = actors['county officer']!();
    const byRange = await database.db
      .selectFrom('children')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((await scopePaths(database.db, county))[0]!.where)
      .executeTakeFirstOrThrow();
    const byPattern = await database.db
      .selectFrom('children')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => eb.or([eb('residence_code', 'like', '421002%'), eb('hukou_code', 'like', '421002%')]))
      .executeTakeFirstOrThrow();
    expect(byRange.n).toBe(byPattern.n);
    expect(byRange.n).toBe(5);
  });
});
