import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/access/actor.js';
import type { CategoryCode } from '../../contract/registry/vocabulary.js';
import { problemsOf } from './problems-service.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The indicators added in session 12, each fed by its owning feature's exported read (reports,
 * cases, case network, joint conference, placements, assessments, registry) or by the core's
 * clocks and categories: every figure is checked against rows this test wrote, for November 2026
 * (final) as of 1 December.
 */
let database: TestDatabase;
const now = new Date('2026-12-01T03:00:00Z');
const cst = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);

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
async function child(village: string, categories: CategoryCode[] = ['left_behind']): Promise<string> {
  const { db } = database;
  const row = await db
    .insertInto('children')
    .values({
      name: `新增指标儿童${(serial += 1)}`,
      birth_date: '2016-03-01',
      residence_code: village,
      created_at: cst('2026-03-01'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const category of categories)
    await db
      .insertInto('child_categories')
      .values({ child_id: row.id, category, state: 'confirmed', start_date: '2026-03-01' })
      .execute();
  return row.id;
}

async function report(knewAt: string | null, reportedAt: string, channel = 'mandated') {
  await sql`INSERT INTO reports (ref_no, channel, situations, description, division_code, immediate_danger, knew_at, reported_at)
    VALUES (${`R-${(serial += 1)}`}, ${channel}, '{6}', '测试', ${places.chenlong}, false,
      ${knewAt ? new Date(knewAt) : null}, ${new Date(reportedAt)})`.execute(database.db);
}

async function openCase(childId: string, lead: string, manager: string | null, village: string, opened: string) {
  const { rows } = await sql<{ id: string }>`INSERT INTO cases (case_no, child_id, division_code, lead_org_id,
    manager_user_id, opened_at) VALUES (${`C-${(serial += 1)}`}, ${childId}, ${village}, ${lead}, ${manager},
    ${cst(opened)}) RETURNING id`.execute(database.db);
  return rows[0]!.id;
}

async function caseAction(caseId: string, seq: number, status: string, on: string, payload: object = {}) {
  const type = status === 'guardianship_intervention' ? 'guardianship_intervention' : 'test';
  await sql`INSERT INTO case_actions (case_id, seq, type, status_after, payload, actor_label, occurred_at)
    VALUES (${caseId}, ${seq}, ${type}, ${status}, ${JSON.stringify(payload)}, '测试', ${cst(on)})`.execute(
    database.db,
  );
}

async function clock(rule: string, childId: string, org: string, due: string, stopped: string | null) {
  await database.db
    .insertInto('clocks')
    .values({
      rule,
      owner_org_id: org,
      subject_type: 'case',
      subject_id: childId,
      child_id: childId,
      division_code: places.chenlong,
      started_at: cst('2026-11-01'),
      due_at: cst(due),
      state: stopped === null ? 'running' : stopped < due ? 'met' : 'missed',
      stopped_at: stopped === null ? null : cst(stopped),
      escalation_hours: [],
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const make = factories(db);
  const committee = await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong });
  const bureau = (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.jingzhou })).id;
  const provider = (await make.organisation({ kind: 'social_work_organisation', divisionCode: places.shashi })).id;
  const manager = (await make.person('civil_affairs_officer', { organisation: committee })).id;
  const a = await child(places.chenlong, ['left_behind', 'orphan']);
  const b = await child(places.chenlong);
  const c = await child(places.chenlong);
  const e = await child(places.shakou);

  // Three mandated reports in November: one 2 hours after knowing, one 30 hours after, one without a time.
  await report('2026-11-03T08:00:00+08:00', '2026-11-03T10:00:00+08:00');
  await report('2026-11-04T08:00:00+08:00', '2026-11-05T14:00:00+08:00');
  await report(null, '2026-11-06T09:00:00+08:00');
  await report('2026-11-06T08:00:00+08:00', '2026-11-06T09:00:00+08:00', 'hotline');

  // Case A (opened 1 October, 61 days by the month's end) goes to assessment, then to a revocation
  // application filed 3 November and decided (revoked) 25 November. Case B is at emergency response;
  // both managed by one person. Case C closed in October. Case E (沙口村) opened 15 November.
  const caseA = await openCase(a, committee.id, manager, places.chenlong, '2026-10-01');
  await caseAction(caseA, 1, 'reported', '2026-10-01');
  await caseAction(caseA, 2, 'assessment', '2026-10-05');
  const revocation = {
    measure: 'revocation_application',
    grounds: ['abandonment'],
    court: '法院',
    filedOn: '2026-11-03',
  };
  await caseAction(caseA, 3, 'guardianship_intervention', '2026-11-03', {
    intervention: { ...revocation, decision: 'pending' },
  });
  await caseAction(caseA, 4, 'guardianship_intervention', '2026-11-25', {
    intervention: { ...revocation, decision: 'revoked', decidedOn: '2026-11-25' },
  });
  const caseB = await openCase(b, committee.id, manager, places.chenlong, '2026-11-20');
  await caseAction(caseB, 1, 'emergency_response', '2026-11-20');
  const caseC = await openCase(c, committee.id, null, places.chenlong, '2026-09-01');
  await caseAction(caseC, 1, 'closed', '2026-10-15');
  const caseE = await openCase(e, bureau, null, places.shakou, '2026-11-15');
  await caseAction(caseE, 1, 'acknowledged', '2026-11-15');

  // Two services planned for A on 1 November: one delivered before its day, one after it.
  for (const [due, delivered] of [
    ['2026-11-10', '2026-11-09'],
    ['2026-11-20', '2026-11-22'],
  ] as const) {
    const { rows } = await sql<{ id: string }>`INSERT INTO case_services (case_id, child_id, service, provider_org_id,
      response_days, due_on, division_code, created_at) VALUES (${caseA}, ${a}, 'counselling', ${provider}, 5,
      ${due}::date, ${places.chenlong}, ${cst('2026-11-01')}) RETURNING id`.execute(db);
    await sql`INSERT INTO case_service_actions (case_service_id, seq, type, status_after, actor_label, occurred_at)
      VALUES (${rows[0]!.id}, 1, 'deliver', 'delivered', '测试', ${cst(delivered, '12:00')})`.execute(db);
  }

  // The city's joint conference: an escalated clock and a typed-in item on its November agenda; of its
  // action items one done and one cancelled in November, one still open past its 10 November due day.
  const { rows: meeting } = await sql<{ id: string }>`INSERT INTO conference_meetings (division_code, level, title,
    meets_on, place, chair, created_at) VALUES (${places.jingzhou}, 'city', '联席会议', '2026-11-25', '会议室', '主任',
    ${cst('2026-11-01')}) RETURNING id`.execute(db);
  for (const [position, source] of [
    [1, 'escalated_clock'],
    [2, 'free'],
  ] as const)
    await sql`INSERT INTO conference_agenda_items (meeting_id, position, source, added_at)
      VALUES (${meeting[0]!.id}, ${position}, ${source}, ${cst('2026-11-05')})`.execute(db);
  for (const [status, closed] of [
    ['done', '2026-11-20'],
    ['cancelled', '2026-11-21'],
    ['open', null],
  ] as const)
    await sql`INSERT INTO conference_action_items (meeting_id, division_code, title, owner_org_id, due_on, status,
      closed_at, created_at) VALUES (${meeting[0]!.id}, ${places.jingzhou}, '督办', ${bureau}, '2026-11-10', ${status},
      ${closed ? cst(closed) : null}, ${cst('2026-11-01')})`.execute(db);

  // B placed in a welfare home under temporary state guardianship since 21 November.
  await sql`INSERT INTO placements (child_id, kind, organisation_id, legal_basis, guardianship_type, reason, handover,
    division_code, started_at) VALUES (${b}, 'welfare_home', ${provider}, 'emergency', 'state_temporary', '测试',
    ${JSON.stringify({ from: 'a', to: 'b', belongings: [], documents: [], notes: null })}, ${places.chenlong},
    ${cst('2026-11-21')})`.execute(db);

  // Entrusted-care contacts due in November: one met, one not; a benefit decision in time.
  await clock('entrusted.contact', c, committee.id, '2026-11-08', '2026-11-07');
  await clock('entrusted.contact', c, committee.id, '2026-11-15', null);
  await clock('benefit.decision', a, committee.id, '2026-11-12', '2026-11-11');
  // A periodic guardianship reassessment due in November, done late (stopped after its due time).
  await clock('assessment.periodic', b, committee.id, '2026-11-18', '2026-11-19');

  // Risk grades of the latest assessments: A high, B low (B's earlier medium_high is superseded).
  for (const [kid, on, risk] of [
    [a, '2026-10-01', 'high'],
    [b, '2026-06-01', 'medium_high'],
    [b, '2026-11-02', 'low'],
  ] as const)
    await sql`INSERT INTO guardianship_assessments (child_id, assessed_on, trigger, answers, score, by_indicator,
      scored_grade, grade, risk_grade, rule_set_version, assessor_name)
      VALUES (${kid}, ${on}::date, 'periodic', '{}', 50, '{}', 'insufficient', 'insufficient', ${risk}, 'test', '评估员')`.execute(
      db,
    );

  // C adopted on 12 November; E (no category left to matter) died in October.
  await sql`INSERT INTO child_exits (child_id, reason, exited_on, status_before, recorded_by_label) VALUES
    (${c}, 'adoption_in_province', '2026-11-12', 'active', '测试'), (${e}, 'death', '2026-10-02', 'active', '测试')`.execute(
    db,
  );

  await fillSnapshots(db, now);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function monthOf(actor: Actor, month: string, within: string = places.jingzhou) {
  const result = await problemsOf(database.db, actor, within);
  const index = result.months.indexOf(month);
  return (code: string) => result.indicators.find((indicator) => indicator.code === code)!.trend[index];
}

describe('indicators added in session 12, against rows the test wrote', () => {
  it('counts mandated reports and those made within 24 hours of knowing (of those with a time)', async () => {
    const value = await monthOf(cityLead, '2026-11');
    expect(value('reports.mandated')).toBe(3);
    expect(value('reports.mandated_in_time_rate')).toBe(50);
  });

  it('counts open cases by step, the oldest one’s age (the largest, not a sum) and caseloads', async () => {
    const value = await monthOf(cityLead, '2026-11');
    expect(
      ['report', 'emergency', 'assessment', 'intervention', 'monitoring'].map((step) => value(`cases.step_${step}`)),
    ).toEqual([1, 1, 0, 1, 0]);
    expect(value('cases.oldest_open_days')).toBe(61);
    // Two managed cases, one manager; three open cases, two lead organisations.
    expect(value('cases.caseload_per_manager')).toBe(2);
    expect(value('cases.caseload_per_organisation')).toBe(1.5);
    const october = await monthOf(cityLead, '2026-10');
    expect(october('cases.step_assessment')).toBe(1);
    expect(october('cases.step_intervention')).toBe(0);
    // At 沙口村 only its own case (opened 15 November: 16 days).
    const shakou = await monthOf(cityLead, '2026-11', places.shakou);
    expect(shakou('cases.oldest_open_days')).toBe(16);
  });

  it('measures services planned and delivered by their due day, and the joint conference’s items', async () => {
    const value = await monthOf(cityLead, '2026-11');
    expect(value('services.planned')).toBe(2);
    expect(value('services.delivered_rate')).toBe(50);
    expect(value('conference.escalated')).toBe(1);
    expect(value('conference.actions_done')).toBe(1);
    expect(value('conference.actions_cancelled')).toBe(1);
    expect(value('conference.actions_overdue')).toBe(1);
  });

  it('counts state guardianship, revocations, entrusted-care supervision, reassessments and benefit decisions in time', async () => {
    const value = await monthOf(cityLead, '2026-11');
    expect(value('family.state_guardianship')).toBe(1);
    expect(value('family.revocations_filed')).toBe(1);
    expect(value('family.revocations')).toBe(1);
    expect(value('family.entrusted_rate')).toBe(50);
    expect(value('family.reassessed_rate')).toBe(0);
    expect(value('security.decided_in_time_rate')).toBe(100);
    // No verification was due: no rate, not zero.
    expect(value('security.verified_in_time_rate')).toBeNull();
    const october = await monthOf(cityLead, '2026-10');
    expect(october('family.state_guardianship')).toBe(0);
    expect(october('family.revocations')).toBe(0);
  });

  it('counts children by category and by the risk grade of their latest assessment, and exits by reason', async () => {
    const value = await monthOf(cityLead, '2026-11');
    expect(value('security.category_left_behind')).toBe(4);
    expect(value('security.category_orphan')).toBe(1);
    expect(value('security.category_street')).toBe(0);
    expect(['high', 'medium_high', 'medium_low', 'low'].map((grade) => value(`security.risk_${grade}`))).toEqual([
      1, 0, 0, 1,
    ]);
    expect(value('security.exits_adopted')).toBe(1);
    expect(value('security.exits_died')).toBe(0);
    const october = await monthOf(cityLead, '2026-10');
    expect(october('security.exits_died')).toBe(1);
    expect(october('security.risk_medium_high')).toBe(1);
  });

  it('suppresses the small counts for an analyst and withholds rates over a small denominator', async () => {
    const value = await monthOf(analyst, '2026-11');
    expect(value('reports.mandated')).toBeNull();
    expect(value('family.state_guardianship')).toBeNull();
    expect(value('services.delivered_rate')).toBeNull();
    expect(value('cases.caseload_per_manager')).toBeNull();
    expect(value('security.category_street')).toBe(0);
  });
});
