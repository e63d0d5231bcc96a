import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/database.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { parseIdNumber } from '../../features/registry/id-number.js';
import { ageOn } from '../../features/registry/rules.js';
import { categoryCodes } from '../../features/registry/tables.js';
import { createGenerator, type SynthVillage } from './index.js';

const villages: SynthVillage[] = [
  { code: '421003001001', name: '东门社区', township: '城南街道', county: '荆州区', city: '荆州市' },
  { code: '421087101203', name: '桂花村', township: '新江口镇', county: '松滋市', city: '荆州市' },
];
const asOf = '2026-06-01';

function generate(seed: string, count: number) {
  const batches = [...createGenerator({ seed, asOf, villages, source: 'bench' }).batches(count, 500)];
  return {
    children: batches.flatMap((b) => b.children),
    members: batches.flatMap((b) => b.family_members),
    categories: batches.flatMap((b) => b.child_categories),
    duplicates: batches.flatMap((b) => b.duplicate_candidates),
  };
}

describe('the synthetic generator', () => {
  const data = generate('test', 3000);

  it('gives the same children for the same seed, and others for another seed', () => {
    expect(generate('test', 200).children).toEqual(data.children.slice(0, 200));
    expect(generate('other', 200).children.map((c) => c.name)).not.toEqual(
      data.children.slice(0, 200).map((c) => c.name),
    );
  });

  it('writes valid, unique ID numbers of the child’s county, birth date and sex, for ages 0–17', () => {
    const ids = data.children.flatMap((c) => (c.id_number ? [c.id_number] : []));
    expect(new Set(ids).size).toBe(ids.length);
    for (const child of data.children) {
      const age = ageOn(child.birth_date!, asOf);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(18);
      if (!child.id_number) continue;
      const parsed = parseIdNumber(child.id_number);
      expect(parsed.ok && parsed.id).toMatchObject({
        divisionCode: child.residence_code.slice(0, 6),
        birthDate: child.birth_date,
        sex: child.sex,
      });
    }
  });

  it('makes names hard to search: repeated names, two-character names, search keys set', () => {
    const names = data.children.map((c) => c.name);
    expect(new Set(names).size).toBeLessThan(names.length * 0.9);
    expect(names.filter((n) => [...n].length === 2).length).toBeGreaterThan(100);
    expect(data.children.every((c) => (c.name_grams?.length ?? 0) > 0 && (c.pinyin_text ?? '').length > 0)).toBe(true);
  });

  it('produces every category, mostly confirmed, some proposed, and likely duplicates', () => {
    expect(new Set(data.categories.map((c) => c.category))).toEqual(new Set(categoryCodes));
    const states = data.categories.map((c) => c.state);
    expect(states.filter((s) => s === 'confirmed').length).toBeGreaterThan(
      states.filter((s) => s === 'proposed').length * 3,
    );
    expect(states).toContain('proposed');
    expect(data.duplicates.length).toBeGreaterThan(5);
    expect(data.members.filter((m) => m.is_guardian).length).toBe(data.children.length);
  });
});

describe('the J-city demo seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    // A clone of the run's demo template: seedDemo with every feature's seeders, once per run
    // (test/support/demo-template.ts), rather than a seeding of its own.
    database = await createDemoDatabase();
  });
  afterAll(async () => database.drop());

  it('keeps the eight named children and adds about 3,000 in 荆州市 villages outside their districts', async () => {
    const { rows } = await sql<{ inside: number; named: number; total: number; wrong: number }>`
      SELECT count(*) FILTER (WHERE substr(residence_code, 1, 6) IN ('421002', '421022'))::int AS inside,
             count(*) FILTER (WHERE name IN ('李小雨', '李明轩', '张浩然', '王梓涵', '周子豪', '陈思琪', '刘一诺', '黄俊'))::int AS named,
             count(*)::int AS total,
             count(*) FILTER (WHERE residence_code NOT LIKE '4210%' OR pinyin_text = '')::int AS wrong
      FROM children`.execute(database.db);
    expect(rows[0]!.inside).toBe(8);
    expect(rows[0]!.named).toBeGreaterThanOrEqual(8);
    expect(rows[0]!.total).toBeGreaterThanOrEqual(3008);
    expect(rows[0]!.wrong).toBe(0);
    const lxy = await database.db
      .selectFrom('children')
      .select(['id_number', 'residence_code', 'pinyin_text'])
      .where('name', '=', '李小雨')
      .where('residence_code', '=', '421002101201')
      .executeTakeFirstOrThrow();
    expect(lxy.pinyin_text).toContain('lxy');
  });

  it('records every child’s registration in its timeline and open duplicates for the review queue', async () => {
    const missing = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM children c WHERE NOT EXISTS (SELECT 1 FROM child_timeline t WHERE t.child_id = c.id AND t.kind = 'registered')`.execute(
      database.db,
    );
    expect(missing.rows[0]!.n).toBe(0);
    const open = await database.db
      .selectFrom('duplicate_candidates')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(open.n).toBeGreaterThan(5);
  });
});
