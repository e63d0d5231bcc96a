import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { nearestPlaceBodiesOf, nearestPlaceBody } from './place-bodies.js';

const city = '421000000000';
const county = '421002000000';
const township = '421002101000';
const village = '421002101201';
const otherVillage = '421002101202';
const otherTownshipVillage = '421002102203';
const otherCountyVillage = '421003100201';
const otherCityVillage = '420102001001';

describe('the nearest public body of many residences at once', () => {
  let db: TestDatabase;
  const body = async (name: string, kind: string, code: string, createdAt: string, active = true) =>
    (
      await db.db
        .insertInto('organisations')
        .values({ name, kind, division_code: code, active, created_at: new Date(createdAt) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('names, for every residence, the body the one-child expression names', async () => {
    const villageBody = await body('某村村委会', 'village_committee', village, '2026-01-02');
    // The older of two bodies of the same place and kind; an inactive one never.
    await body('某村村委会（新）', 'village_committee', village, '2026-03-01');
    await body('某村村委会（撤销）', 'village_committee', otherVillage, '2025-01-01', false);
    const townshipBody = await body('某镇人民政府', 'township_government', township, '2026-01-01');
    const countyBody = await body('某区民政局', 'civil_affairs_bureau', county, '2026-01-01');
    const cityBody = await body('某市民政局', 'civil_affairs_bureau', city, '2026-01-01');
    // Kinds that are not place bodies do not count.
    await body('某区学校', 'school', '421003100000', '2026-01-01');
    const residences = [village, otherVillage, otherTownshipVillage, otherCountyVillage, otherCityVillage, village];

    const many = await nearestPlaceBodiesOf(db.db, residences);
    const one = async (code: string) =>
      (
        await sql<{
          id: string | null;
        }>`SELECT ${nearestPlaceBody('r.code')} AS id FROM (SELECT ${code}::text AS code) r`.execute(db.db)
      ).rows[0]?.id ?? null;
    for (const code of residences) expect(many.get(code), code).toBe(await one(code));
    expect(Object.fromEntries(many)).toEqual({
      [village]: villageBody,
      [otherVillage]: townshipBody,
      [otherTownshipVillage]: countyBody,
      [otherCountyVillage]: cityBody,
      [otherCityVillage]: null,
    });
    expect((await nearestPlaceBodiesOf(db.db, [])).size).toBe(0);
  });
});
