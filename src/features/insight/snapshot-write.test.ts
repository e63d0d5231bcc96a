import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { arrayLiteral } from './snapshot-added-counts.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The running month is staged and only its changed counts written (snapshot-write.ts): a later run
 * must leave the month and its level totals exactly as a computation from nothing would.
 */
let database: TestDatabase;
let committee: string;
let clockId: string;
const cst = (date: string) => new Date(`${date}T00:00:00+08:00`);
const month = '2026-12-01';

async function stored() {
  const { rows } = await sql<{ indicator: string; division_code: string; value: string }>`
    SELECT indicator, division_code, value FROM insight_snapshots WHERE month = ${month} ORDER BY 1, 2`.execute(
    database.db,
  );
  return rows;
}

/** The totals as the full computation writes them: the village rows summed (or the largest) per level. */
async function totalsMismatch(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH expected AS (
      SELECT l.level, rpad(left(s.division_code, l.digits), 12, '0') AS code, s.indicator,
        CASE WHEN s.indicator = 'cases.oldest_open_days' THEN max(s.value) ELSE sum(s.value) END AS value
      FROM insight_snapshots s
      CROSS JOIN (VALUES ('province', 2), ('city', 4), ('county', 6), ('township', 9)) AS l(level, digits)
      WHERE s.month = ${month} GROUP BY 1, 2, 3),
    actual AS (SELECT level, division_code AS code, indicator, value FROM insight_snapshot_totals WHERE month = ${month})
    SELECT count(*)::int AS n FROM expected e FULL JOIN actual a USING (level, code, indicator)
    WHERE e.value IS DISTINCT FROM a.value`.execute(database.db);
  return rows[0]!.n;
}

async function overdueClock(village: string): Promise<string> {
  const row = await database.db
    .insertInto('clocks')
    .values({
      rule: 'visit.first',
      owner_org_id: committee,
      subject_type: 'visit',
      subject_id: committee,
      division_code: village,
      started_at: cst('2026-11-01'),
      due_at: cst('2026-11-20'),
      escalation_hours: [24],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const make = factories(database.db);
  committee = (await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong })).id;
  clockId = await overdueClock(places.chenlong);
  await overdueClock(places.shakou);
  await fillSnapshots(database.db, cst('2026-12-05'));
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe('the running month written by its changes only', () => {
  it('stores the counts and their level totals', async () => {
    const rows = await stored();
    expect(rows.filter((row) => row.indicator === 'visits.overdue').map((row) => row.division_code)).toEqual(
      [places.chenlong, places.shakou].sort(),
    );
    expect(await totalsMismatch()).toBe(0);
  });

  it('a later run with nothing changed writes the same month', async () => {
    const before = await stored();
    const { rows } = await fillSnapshots(database.db, cst('2026-12-06'));
    expect(await stored()).toEqual(before);
    expect(rows).toBe(before.length);
    expect(await totalsMismatch()).toBe(0);
  });

  it('removes a count that fell to nothing and moves the totals above it', async () => {
    await database.db
      .updateTable('clocks')
      .set({ state: 'met', stopped_at: cst('2026-12-06'), next_escalation_at: null })
      .where('id', '=', clockId)
      .execute();
    await fillSnapshots(database.db, cst('2026-12-07'));
    const overdue = (await stored()).filter((row) => row.indicator === 'visits.overdue');
    expect(overdue.map((row) => row.division_code)).toEqual([places.shakou]);
    expect(await totalsMismatch()).toBe(0);
    const { rows } = await sql<{ value: string }>`SELECT value FROM insight_snapshot_totals
      WHERE month = ${month} AND level = 'city' AND indicator = 'visits.overdue'`.execute(database.db);
    expect(rows.map((row) => Number(row.value))).toEqual([1]);
  });

  it('a new count appears with its totals', async () => {
    await overdueClock(places.chenlong);
    await fillSnapshots(database.db, cst('2026-12-08'));
    const overdue = (await stored()).filter((row) => row.indicator === 'visits.overdue');
    expect(overdue.map((row) => row.division_code)).toEqual([places.chenlong, places.shakou].sort());
    expect(await totalsMismatch()).toBe(0);
  });
});

describe('the staged counts sent as array literals', () => {
  it('joins indicator names, division codes and counts, and refuses what would need quoting or read as NULL', () => {
    expect(arrayLiteral(['cases.oldest_open_days', 'security.category_left_behind'])).toBe(
      '{cases.oldest_open_days,security.category_left_behind}',
    );
    expect(arrayLiteral(['421022100201', '421022100201'])).toBe('{421022100201,421022100201}');
    expect(arrayLiteral([1, 25, 300])).toBe('{1,25,300}');
    for (const bad of ['a,b', 'a b', '"x"', '{x}', 'a\\b', 'NULL', 'null', ''])
      expect(() => arrayLiteral([bad])).toThrow();
    expect(() => arrayLiteral([1e21])).toThrow();
  });
});
