import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/access/actor.js';
import { problemsOf } from './problems-service.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The indicators fed by other features' exported reads (assessments, placements, referrals,
 * grassroots, projects, benefits) and the core's emergency clocks and case closures: each figure
 * is checked against rows this test wrote, for November 2026 (final) as of 1 December.
 */
let database: TestDatabase;
const now = new Date('2026-12-01T03:00:00Z');
const cst = (date: string) => new Date(`${date}T00:00:00+08:00`);
const otherVillage = places.shakou;

function reader(permissions: string[]): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId: null,
    label: '测试',
    roles: [],
    permissions: new Set(permissions),
    jurisdiction: [places.jingzhou],
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}
const cityLead = reader(['insight.aggregate', 'children.read']);
const analyst = reader(['insight.aggregate']);

let serial = 0;
async function child(village: string): Promise<string> {
  const { db } = database;
  const row = await db
    .insertInto('children')
    .values({
      name: `指标儿童${(serial += 1)}`,
      birth_date: '2016-03-01',
      residence_code: village,
      created_at: cst('2026-03-01'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('child_categories')
    .values({ child_id: row.id, category: 'left_behind', state: 'confirmed', start_date: '2026-03-01' })
    .execute();
  return row.id;
}

async function assess(childId: string, on: string, grade: string) {
  await sql`INSERT INTO guardianship_assessments (child_id, assessed_on, trigger, answers, score, by_indicator,
    scored_grade, grade, risk_grade, rule_set_version, assessor_name)
    VALUES (${childId}, ${on}::date, 'periodic', '{}', 50, '{}', ${grade}, ${grade}, 'low', 'test', '评估员')`.execute(
    database.db,
  );
}

async function place(childId: string, kind: string, organisationId: string | null, from: string, to?: string) {
  await sql`INSERT INTO placements (child_id, kind, organisation_id, legal_basis, guardianship_type, reason, handover,
    division_code, started_at, ended_at)
    VALUES (${childId}, ${kind}, ${organisationId}, 'emergency', 'parents', '测试', ${JSON.stringify({ from: 'a', to: 'b', belongings: [], documents: [], notes: null })},
      ${places.chenlong}, ${cst(from)}, ${to ? cst(to) : null})`.execute(database.db);
}

async function declinedReferral(childId: string, from: string, to: string, on: string) {
  const { rows } = await sql<{ id: string }>`INSERT INTO referrals (child_id, from_org_id, to_org_id, service, shares,
    reason, consent, division_code, created_at)
    VALUES (${childId}, ${from}, ${to}, 'counselling', '{identity}', '测试', '{}', ${places.chenlong}, ${cst(on)}) RETURNING id`.execute(
    database.db,
  );
  await sql`INSERT INTO referral_actions (referral_id, seq, type, status_after, payload, actor_label, occurred_at)
    VALUES (${rows[0]!.id}, 1, 'decline', 'declined', '{}', '测试', ${cst(on)})`.execute(database.db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const make = factories(db);
  const committee = (await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong })).id;
  const station = (await make.organisation({ kind: 'rescue_station', divisionCode: places.shashi })).id;
  const provider = (await make.organisation({ kind: 'social_work_organisation', divisionCode: places.shashi })).id;
  const kids = [];
  for (let i = 0; i < 6; i += 1) kids.push(await child(places.chenlong));
  for (let i = 0; i < 2; i += 1) kids.push(await child(otherVillage));
  const [a, b, c, d] = kids as [string, string, string, string];

  // Grades: a missing → insufficient (better), b improper, c normal; d assessed only in December.
  await assess(a, '2026-06-10', 'missing');
  await assess(a, '2026-10-05', 'insufficient');
  await assess(b, '2026-09-01', 'improper');
  await assess(c, '2026-11-20', 'normal');
  await assess(d, '2026-12-01', 'missing');

  // a at the rescue station since 10 November (21 days by the month's end); b with relatives; c home.
  await place(a, 'rescue_station', station, '2026-11-10');
  await place(b, 'kinship_care', null, '2026-11-25');
  await place(c, 'home', null, '2026-11-01');
  await place(d, 'rescue_station', station, '2026-10-01', '2026-10-20');

  await declinedReferral(a, committee, provider, '2026-11-15');
  await declinedReferral(b, committee, provider, '2026-10-15');

  // A director posted at 陈垅村 all year; 沙口村 (children live there too) has none.
  const { rows: staff } = await sql<{ id: string }>`INSERT INTO grassroots_staff (post, name, organisation_id,
    division_code, employment, appointed_on) VALUES ('village_director', '主任', ${committee}, ${places.chenlong},
    'part_time', '2026-01-01') RETURNING id`.execute(db);
  await sql`INSERT INTO grassroots_postings (staff_id, division_code, from_on)
    VALUES (${staff[0]!.id}, ${places.chenlong}, '2026-01-01')`.execute(db);
  // A second director there: trained only in October 2025 (over a year before November's end), and
  // appraised for 2025 only on 1 December. The first was trained in June and appraised in February.
  const { rows: second } = await sql<{ id: string }>`INSERT INTO grassroots_staff (post, name, organisation_id,
    division_code, employment, appointed_on) VALUES ('village_director', '副主任', ${committee}, ${places.chenlong},
    'part_time', '2026-01-01') RETURNING id`.execute(db);
  await sql`INSERT INTO grassroots_postings (staff_id, division_code, from_on)
    VALUES (${second[0]!.id}, ${places.chenlong}, '2026-01-01')`.execute(db);
  for (const [staffId, heldOn] of [
    [staff[0]!.id, '2026-06-01'],
    [second[0]!.id, '2025-10-01'],
  ] as const) {
    const { rows: session } = await sql<{ id: string }>`INSERT INTO training_sessions (topic, held_on, hours, trainer,
      division_code, organisation_id) VALUES ('儿童主任培训', ${heldOn}::date, 4, '讲师', ${places.chenlong}, ${committee})
      RETURNING id`.execute(db);
    await sql`INSERT INTO training_attendance (session_id, staff_id) VALUES (${session[0]!.id}, ${staffId})`.execute(
      db,
    );
  }
  for (const [staffId, recordedOn] of [
    [staff[0]!.id, '2026-02-01'],
    [second[0]!.id, '2026-12-01'],
  ] as const)
    await sql`INSERT INTO grassroots_appraisals (staff_id, year, indicators, rating, created_at)
      VALUES (${staffId}, 2025, '{}', 'competent', ${cst(recordedOn)})`.execute(db);

  // A year's project for 沙市区: 12,000 yuan, 3,000 paid in June, 3,000 more only on 1 December.
  const { rows: project } = await sql<{ id: string }>`INSERT INTO projects (title, purchaser_org_id, provider_org_id,
    starts_on, ends_on, area_codes, services, budget_fen) VALUES ('困境儿童关爱', ${committee}, ${provider},
    '2026-01-01', '2026-12-31', ${[places.shashi]}::text[], '{}', 1200000) RETURNING id`.execute(db);
  await sql`INSERT INTO project_payments (project_id, instalment, due_on, planned_fen, paid_fen, paid_on) VALUES
    (${project[0]!.id}, 1, '2026-06-30', 300000, 300000, '2026-06-30'),
    (${project[0]!.id}, 2, '2026-12-01', 300000, 300000, '2026-12-01')`.execute(db);

  // November's benefit run in 沙市区 pays a 600 yuan and b 400 yuan.
  const { rows: run } = await sql<{ id: string }>`INSERT INTO benefit_payment_runs (run_no, division_code, month,
    child_count, line_count, total_fen, arrears_fen, created_by_label, created_at) VALUES ('R-1', ${places.shashi},
    '2026-11-01', 2, 2, 100000, 0, '测试', ${cst('2026-11-05')}) RETURNING id`.execute(db);
  for (const [index, [kid, fen]] of (
    [
      [a, 60000],
      [b, 40000],
    ] as const
  ).entries()) {
    const { rows: application } = await sql<{ id: string }>`INSERT INTO benefit_applications (application_no, child_id,
      benefit_type, division_code, received_on, applicant_kind, applicant_name, rules_version)
      VALUES (${`A-${index}`}, ${kid}, 'de_facto_unsupported', ${places.chenlong}, '2026-09-01', 'guardian', '监护人', 'test')
      RETURNING id`.execute(db);
    await sql`INSERT INTO benefit_payment_lines (run_id, child_id, application_id, benefit_type, national_category,
      for_month, standard_fen, amount_fen, arrears, rules_version) VALUES (${run[0]!.id}, ${kid}, ${application[0]!.id},
      'de_facto_unsupported', 'de_facto_unsupported', '2026-11-01', ${fen}, ${fen}, false, 'test')`.execute(db);
  }

  // Two emergency responses due in November: one in time, one late.
  for (const [due, stopped] of [
    ['2026-11-03', '2026-11-02'],
    ['2026-11-04', '2026-11-06'],
  ] as const)
    await db
      .insertInto('clocks')
      .values({
        rule: 'report.emergency_response',
        owner_org_id: committee,
        subject_type: 'case',
        subject_id: a,
        child_id: a,
        division_code: places.chenlong,
        started_at: cst('2026-11-01'),
        due_at: cst(due),
        state: stopped < due ? 'met' : 'missed',
        stopped_at: cst(stopped),
        escalation_hours: [],
      })
      .execute();

  // A case opened on 1 November and closed ten days later.
  const { rows: kase } = await sql<{ id: string }>`INSERT INTO cases (case_no, child_id, division_code, lead_org_id,
    opened_at) VALUES ('C-1', ${a}, ${places.chenlong}, ${committee}, ${cst('2026-11-01')}) RETURNING id`.execute(db);
  await sql`INSERT INTO case_actions (case_id, seq, type, status_after, payload, actor_label, occurred_at)
    VALUES (${kase[0]!.id}, 1, 'close', 'closed', '{}', '测试', ${cst('2026-11-11')})`.execute(db);

  await fillSnapshots(db, now);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function november(actor: Actor, within: string = places.jingzhou) {
  const result = await problemsOf(database.db, actor, within);
  const index = result.months.indexOf('2026-11');
  return (code: string) => result.indicators.find((indicator) => indicator.code === code)!.trend[index];
}

describe('indicators fed by the owning features’ exported reads', () => {
  it('counts guardianship grades by each child’s latest assessment, and those better than at first', async () => {
    const value = await november(cityLead);
    expect([
      value('family.grade_missing'),
      value('family.grade_improper'),
      value('family.grade_insufficient'),
      value('family.grade_normal'),
    ]).toEqual([0, 1, 1, 1]);
    expect(value('family.improved_rate')).toBe(33.3);
  });

  it('counts placements running at the month’s end, institutions’ stays so far, and station stays past 10 days', async () => {
    const value = await november(cityLead);
    expect(value('placements.away_from_home')).toBe(2);
    expect(value('placements.institution')).toBe(1);
    expect(value('placements.mean_institution_days')).toBe(21);
    expect(value('placements.station_past_10_days')).toBe(1);
  });

  it('counts declined referrals in their month, villages without a director, budgets per child and payments', async () => {
    const value = await november(cityLead);
    expect(value('referrals.declined')).toBe(1);
    expect(value('grassroots.villages_without_director')).toBe(1);
    expect(value('grassroots.director_coverage')).toBe(50);
    // 12,000 yuan over the city's 8 children in difficulty; 3,000 of it paid by 30 November.
    expect(value('funding.budget_per_child')).toBe(1500);
    expect(value('funding.execution_rate')).toBe(25);
    expect(value('security.children_paid')).toBe(2);
    expect(value('security.mean_payment')).toBe(500);
  });

  it('counts village directors trained in the last twelve months and appraised for the year before', async () => {
    const value = await november(cityLead);
    expect(value('grassroots.training_coverage')).toBe(50);
    expect(value('grassroots.appraisal_coverage')).toBe(50);
    // At the village itself the same (its own rows, not the stored totals).
    const village = await november(cityLead, places.chenlong);
    expect(village('grassroots.appraisal_coverage')).toBe(50);
  });

  it('measures emergency responses in time and the days from a case’s opening to its closure', async () => {
    const value = await november(cityLead);
    expect(value('reports.emergency_rate')).toBe(50);
    expect(value('cases.closed')).toBe(1);
    expect(value('cases.mean_days_to_close')).toBe(10);
  });

  it('keeps October apart: its own grades and declined referral', async () => {
    const result = await problemsOf(database.db, cityLead, places.jingzhou);
    const index = result.months.indexOf('2026-10');
    const value = (code: string) => result.indicators.find((indicator) => indicator.code === code)!.trend[index];
    expect(value('family.grade_insufficient')).toBe(1);
    expect(value('family.grade_normal')).toBe(0);
    expect(value('referrals.declined')).toBe(1);
    expect(value('placements.institution')).toBe(0);
  });

  it('suppresses the small counts for an analyst and withholds rates over a small denominator', async () => {
    const value = await november(analyst);
    expect(value('family.grade_normal')).toBeNull();
    expect(value('placements.away_from_home')).toBeNull();
    expect(value('family.improved_rate')).toBeNull();
    expect(value('family.grade_missing')).toBe(0);
    // Over 8 children in difficulty the budget per child is published.
    expect(value('funding.budget_per_child')).toBe(1500);
  });
});
