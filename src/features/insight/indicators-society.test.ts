import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/access/actor.js';
import { matrixGapsIn } from '../service-matrix/service.js';
import { problemsOf } from './problems-service.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The session-12 indicators of government duties, social organisations and project outputs: the
 * responsibility matrix's overlaps and gaps per county, referrals declined or overdue by the
 * receiver's sector, organisations and licensed social workers with their history, counties
 * without an organisation, and project outputs against targets — against rows this test wrote,
 * for November 2026 (final) as of 1 December.
 */
let database: TestDatabase;
const now = new Date('2026-12-01T03:00:00Z');
const cst = (date: string) => new Date(`${date}T00:00:00+08:00`);
const lead: Actor = {
  kind: 'user',
  userId: null,
  organisationId: null,
  label: '测试',
  roles: [],
  permissions: new Set(['insight.aggregate', 'children.read']),
  jurisdiction: [places.jingzhou],
  locale: 'zh-CN',
  ip: null,
  requestId: null,
};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const make = factories(db);
  const committee = (await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong })).id;
  const provider = (await make.organisation({ kind: 'social_work_organisation', divisionCode: places.shashi })).id;
  const charity = (await make.organisation({ kind: 'charity', divisionCode: places.cenhe })).id;
  const school = (await make.organisation({ kind: 'school', divisionCode: places.cenhe })).id;
  // The provider has been in the directory since June, the charity only since 20 November.
  await sql`UPDATE organisations SET created_at = CASE WHEN id = ${charity} THEN ${cst('2026-11-20')}::timestamptz
    ELSE ${cst('2026-06-01')}::timestamptz END`.execute(db);
  // A worker licensed in 2024 at the provider, one licensed in 2025 at the charity (counted from its arrival),
  // one licensed only in 2027 (not yet counted).
  for (const [organisation, year] of [
    [provider, 2024],
    [charity, 2025],
    [provider, 2027],
  ] as const)
    await sql`INSERT INTO social_worker_licences (organisation_id, person_name, level, licence_year)
      VALUES (${organisation}, '社工', 'assistant', ${year})`.execute(db);

  // Children in difficulty in 沙市区 (2) and in 公安县 (1): 公安县 has no social organisation.
  const kids: string[] = [];
  for (const village of [places.chenlong, places.chenlong, places.nongli]) {
    const row = await db
      .insertInto('children')
      .values({
        name: `社会指标儿童${kids.length}`,
        birth_date: '2015-05-01',
        residence_code: village,
        created_at: cst('2026-01-01'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('child_categories')
      .values({ child_id: row.id, category: 'left_behind', state: 'confirmed', start_date: '2026-01-01' })
      .execute();
    kids.push(row.id);
  }

  // From 15 November 沙市区's matrix has village committees and social work organisations both
  // leading temporary care (both are present: an overlap).
  const { rows: version } = await sql<{ id: string }>`INSERT INTO service_matrix_versions (division_code, version,
    valid_from, created_label) VALUES (${places.shashi}, 1, '2026-11-15', '测试') RETURNING id`.execute(db);
  for (const kind of ['village_committee', 'social_work_organisation'])
    await sql`INSERT INTO service_matrix_cells (version_id, service, kind, responsibility)
      VALUES (${version[0]!.id}, 'temporary_care', ${kind}, 'leads')`.execute(db);

  // A referral to the provider declined on 15 November; one to the school unanswered past 20 November.
  const referral = async (to: string) => {
    const { rows } = await sql<{ id: string }>`INSERT INTO referrals (child_id, from_org_id, to_org_id, service,
      shares, reason, consent, division_code, created_at) VALUES (${kids[0]!}, ${committee}, ${to}, 'counselling',
      '{identity}', '测试', '{}', ${places.chenlong}, ${cst('2026-11-10')}) RETURNING id`.execute(db);
    return rows[0]!.id;
  };
  const declined = await referral(provider);
  await sql`INSERT INTO referral_actions (referral_id, seq, type, status_after, payload, actor_label, occurred_at)
    VALUES (${declined}, 1, 'decline', 'declined', '{}', '测试', ${cst('2026-11-15')})`.execute(db);
  const waiting = await referral(school);
  await db
    .insertInto('clocks')
    .values({
      rule: 'referral.response',
      owner_org_id: school,
      subject_type: 'referral',
      subject_id: waiting,
      child_id: kids[0]!,
      division_code: places.chenlong,
      started_at: cst('2026-11-10'),
      due_at: cst('2026-11-20'),
      state: 'running',
      escalation_hours: [],
    })
    .execute();

  // A year's project in 沙市区 targets 4 counselling and 2 family-education sessions; the provider
  // held one counselling session in October, one in November and three family-education ones in November.
  const { rows: project } = await sql<{ id: string }>`INSERT INTO projects (title, purchaser_org_id, provider_org_id,
    starts_on, ends_on, area_codes, services, budget_fen) VALUES ('关爱项目', ${committee}, ${provider},
    '2026-01-01', '2026-12-31', ${[places.shashi]}::text[], '{}', 100000) RETURNING id`.execute(db);
  await sql`INSERT INTO project_indicators (project_id, kind, target) VALUES
    (${project[0]!.id}, 'counselling_sessions', 4), (${project[0]!.id}, 'family_education_sessions', 2)`.execute(db);
  for (const [kind, on] of [
    ['counselling', '2026-10-10'],
    ['counselling', '2026-11-10'],
    ['family_education', '2026-11-11'],
    ['family_education', '2026-11-12'],
    ['family_education', '2026-11-13'],
  ] as const)
    await sql`INSERT INTO service_sessions (organisation_id, worker_name, kind, division_code, held_on, minutes)
      VALUES (${provider}, '社工', ${kind}, ${places.chenlong}, ${on}::date, 60)`.execute(db);

  await fillSnapshots(db, now);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function monthOf(month: string, within: string = places.jingzhou) {
  const result = await problemsOf(database.db, lead, within);
  const index = result.months.indexOf(month);
  return (code: string) => result.indicators.find((indicator) => indicator.code === code)!.trend[index];
}

describe('government duties, social organisations and project outputs', () => {
  it('counts the matrix’s overlaps and gaps per county as the matrix feature finds them', async () => {
    const november = await monthOf('2026-11');
    const october = await monthOf('2026-10');
    expect(november('government.matrix_overlaps')).toBe(1);
    expect(october('government.matrix_overlaps')).toBe(0);
    const gaps = [
      ...(await matrixGapsIn(database.db, places.shashi, '2026-11-30')),
      ...(await matrixGapsIn(database.db, places.gongan, '2026-11-30')),
    ];
    expect(gaps.length).toBeGreaterThan(0);
    expect(november('government.matrix_gaps')).toBe(gaps.length);
  });

  it('splits declined and overdue referrals by the receiver’s sector', async () => {
    const value = await monthOf('2026-11');
    expect(value('referrals.declined_other')).toBe(1);
    expect(value('referrals.declined_education')).toBe(0);
    expect(value('referrals.overdue_education')).toBe(1);
    expect(value('referrals.overdue_other')).toBe(0);
  });

  it('counts organisations and licensed social workers as they were each month, and counties with none', async () => {
    const november = await monthOf('2026-11');
    const october = await monthOf('2026-10');
    expect(november('society.organisations')).toBe(2);
    expect(october('society.organisations')).toBe(1);
    expect(november('society.social_workers')).toBe(2);
    expect(october('society.social_workers')).toBe(1);
    // 2 workers over 3 children in difficulty, per 10,000.
    expect(november('society.workers_per_10k')).toBe(6666.7);
    expect(november('society.counties_without')).toBe(1);
    const shashi = await monthOf('2026-11', places.shashi);
    expect(shashi('society.counties_without')).toBe(0);
  });

  it('measures project outputs against targets, each capped at its target', async () => {
    expect((await monthOf('2026-11'))('funding.outputs_rate')).toBe(66.7);
    expect((await monthOf('2026-10'))('funding.outputs_rate')).toBe(16.7);
  });
});
