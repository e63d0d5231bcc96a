import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../../platform/access/actor.js';
import { type DivisionFileMeta, type DivisionRow, loadDivisionFile, shippedDivisionFile } from './data-file.js';
import { levelOf, parentCode } from './rules.js';
import {
  findDivisionsByText,
  getDivision,
  listDivisionChildren,
  loadDivisionDataset,
  recordDivisionSuccessor,
} from './service.js';

/*
 * A made-up province 98 keeps these loads away from Hubei, which every test database holds.
 * Year by year: 2023 as first loaded; in 2024 丁 is renamed, 戊 moves to another township (new
 * code, same name), 庚 merges away and 辛 is new; in 2025 庚's code comes back.
 */
let database: TestDatabase;
const actor = systemActor('test');

const row = (code: string, name: string): DivisionRow => ({
  code,
  name,
  level: levelOf(code) ?? 'village',
  parentCode: parentCode(code) ?? null,
});
const meta = (codeYear: number): DivisionFileMeta => ({
  source: 'test',
  version: '1',
  licence: 'MIT',
  codeYear,
  province: '98',
});
const spine = [
  row('980000000000', '测试省'),
  row('980100000000', '甲市'),
  row('980102000000', '乙区'),
  row('980102001000', '丙镇'),
  row('980102002000', '癸镇'),
];
const year2023 = [
  ...spine,
  row('980102001001', '丁村委会'),
  row('980102001002', '戊村委会'),
  row('980102001003', '庚村委会'),
];
const year2024 = [
  ...spine,
  row('980102001001', '丁社区居委会'),
  row('980102001004', '辛村委会'),
  row('980102002001', '戊村民委员会'),
];
const year2025 = [...year2024, row('980102001003', '庚村委会')];
const load = (codeYear: number, rows: DivisionRow[]) =>
  loadDivisionDataset(database.db, actor, { meta: meta(codeYear), rows });

async function snapshot() {
  const divisions = await sql`SELECT * FROM divisions WHERE code LIKE '98%' ORDER BY code`.execute(database.db);
  const history = await sql`SELECT * FROM division_history WHERE code LIKE '98%' ORDER BY id`.execute(database.db);
  const datasets = await sql`SELECT * FROM division_datasets WHERE province = '98' ORDER BY code_year`.execute(
    database.db,
  );
  const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(database.db);
  return { divisions: divisions.rows, history: history.rows, datasets: datasets.rows, audit: audit.rows[0]?.n };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('loading a province', () => {
  it('adds every division and audits the load', async () => {
    expect(await load(2023, year2023)).toMatchObject({ added: 8, changed: 0, closed: 0, upToDate: false });
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'divisions.load')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_label: 'system:test',
      entity_type: 'division_dataset',
      entity_id: '98-2023',
      details: expect.objectContaining({ added: 8 }),
    });
    expect(
      (await findDivisionsByText(database.db, actor, { q: 'wucun', within: '98', limit: 5 })).items[0],
    ).toMatchObject({ code: '980102001002', pathText: '测试省 / 甲市 / 乙区 / 丙镇 / 戊村委会' });
  });

  it('changes nothing, not even the audit log, when loaded twice', async () => {
    const before = await snapshot();
    expect(await load(2023, year2023)).toMatchObject({
      added: 0,
      changed: 0,
      reopened: 0,
      closed: 0,
      unchanged: 8,
      upToDate: true,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a renamed division’s earlier name as history under the same code', async () => {
    expect(await load(2024, year2024)).toMatchObject({
      added: 2,
      changed: 1,
      closed: 2,
      unchanged: 5,
      upToDate: false,
    });
    const renamed = await getDivision(database.db, actor, '980102001001');
    expect(renamed).toMatchObject({
      name: '丁社区居委会',
      shortName: '丁社区',
      current: true,
      validFrom: '2024-06-30',
      validTo: null,
    });
    expect(renamed.history).toEqual([
      { name: '丁村委会', parentCode: '980102001000', validFrom: '2023-06-30', validTo: '2024-06-30' },
    ]);
    const within = '980000000000';
    expect((await findDivisionsByText(database.db, actor, { q: '丁村', within, limit: 5 })).items).toEqual([]);
    expect((await findDivisionsByText(database.db, actor, { q: '丁社区', within, limit: 5 })).items[0]).toMatchObject({
      code: '980102001001',
      match: 'exact',
    });
  });

  it('closes a vanished division instead of deleting it, naming its successor when the data shows one', async () => {
    const moved = await getDivision(database.db, actor, '980102001002');
    expect(moved).toMatchObject({
      name: '戊村委会',
      current: false,
      validFrom: '2023-06-30',
      validTo: '2024-06-30',
      successorCode: '980102002001',
    });
    expect(moved.pathText).toBe('测试省 / 甲市 / 乙区 / 丙镇 / 戊村委会');
    const merged = await getDivision(database.db, actor, '980102001003');
    expect(merged).toMatchObject({ current: false, successorCode: null });
    const village = await listDivisionChildren(database.db, actor, '980102001000');
    expect(village.items.map((item) => item.code)).toEqual(['980102001001', '980102001004']);
    expect(
      (await findDivisionsByText(database.db, actor, { q: '980102001', limit: 10 })).items.map((hit) => hit.code),
    ).toEqual(['980102001000', '980102001001', '980102001004']);
  });

  it('lets an administrator name the successor of a merger, only for a closed division', async () => {
    const detail = await recordDivisionSuccessor(database.db, actor, '980102001003', '980102001004');
    expect(detail).toMatchObject({ code: '980102001003', successorCode: '980102001004' });
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'divisions.successor')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: '980102001003', details: { before: null, after: '980102001004' } });
    await expect(recordDivisionSuccessor(database.db, actor, '980102001001', '980102001004')).rejects.toMatchObject({
      code: 'divisions.still_current',
      status: 409,
    });
    await expect(recordDivisionSuccessor(database.db, actor, '980102001002', '980102001003')).rejects.toMatchObject({
      code: 'divisions.successor_invalid',
    });
    await expect(recordDivisionSuccessor(database.db, actor, '980102001002', '980102001002')).rejects.toMatchObject({
      code: 'divisions.successor_invalid',
    });
    await expect(recordDivisionSuccessor(database.db, actor, '980102001099', '980102001004')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses an older dataset than the one loaded', async () => {
    const before = await snapshot();
    await expect(load(2023, year2023)).rejects.toMatchObject({
      code: 'divisions.dataset_older',
      status: 409,
      params: { loadedYear: 2024, codeYear: 2023 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('reopens a code that comes back, keeping its closed period as history', async () => {
    expect(await load(2025, year2025)).toMatchObject({ added: 0, reopened: 1, closed: 0, upToDate: false });
    const back = await getDivision(database.db, actor, '980102001003');
    expect(back).toMatchObject({ current: true, validFrom: '2025-06-30', validTo: null, successorCode: null });
    expect(back.history).toEqual([
      { name: '庚村委会', parentCode: '980102001000', validFrom: '2023-06-30', validTo: '2024-06-30' },
    ]);
  });

  it('refuses a dataset that is not a tree of the province it claims', async () => {
    const orphan = [...year2025, row('980102009001', '孤村')];
    await expect(load(2026, orphan)).rejects.toMatchObject({ code: 'divisions.dataset_invalid', status: 422 });
    await expect(
      loadDivisionDataset(database.db, actor, { meta: meta(2026), rows: year2025 }, '42'),
    ).rejects.toMatchObject({ code: 'divisions.dataset_mismatch' });
    await expect(
      loadDivisionDataset(database.db, actor, { meta: meta(2026), rows: year2025 }, '4210'),
    ).rejects.toMatchObject({ code: 'divisions.invalid_province' });
  });
});

describe('the shipped Hubei dataset', () => {
  it('is already loaded in every database: loading it again writes nothing', async () => {
    const before = await snapshot();
    const report = await loadDivisionDataset(
      database.db,
      actor,
      await loadDivisionFile(shippedDivisionFile('42')),
      '42',
    );
    expect(report).toMatchObject({
      province: '42',
      codeYear: 2023,
      divisions: 28652,
      unchanged: 28652,
      upToDate: true,
    });
    expect(await snapshot()).toEqual(before);
  });
});
