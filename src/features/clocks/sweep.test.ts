import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, loadUserAccount } from '../../platform/auth/load-actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { runSweeps, registerSweep } from '../../platform/jobs/sweeps.js';
import { seedDemo } from '../../demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadFeatures } from '../../server.js';
import { acknowledgeReportIn, submitReportIn } from '../reports/service.js';
import { myWork } from './my-work.js';
import { clockEscalationSweep } from './sweep.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, (await loadFeatures()).demoSeeders);
}, 120_000);
afterAll(async () => database.drop());

const t0 = new Date('2026-03-02T10:00:00+08:00');
const later = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

async function actor(username: string) {
  const user = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return actorFor((await loadUserAccount(database.db, user.id))!, { locale: 'zh-CN', ip: null, requestId: null });
}
const orgId = async (name: string) =>
  (await database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('clocks and escalation, replayed as of any time', () => {
  let reportId: string;
  it('a report of danger starts a one-hour acknowledgement clock per receiver', async () => {
    const hotline = await actor('hotline.12338');
    const { result } = await unitOfWork(database.db, hotline, 'report.submit', (uow) =>
      submitReportIn(
        uow,
        {
          channel: 'hotline',
          line: '12345',
          caller: { anonymous: true },
          situations: [6],
          description: '两个孩子独自在家没有饭吃',
          unknownChild: '陈龙村两名儿童',
          divisionCode: '421002101201',
          immediateDanger: true,
          attachments: [],
        },
        t0,
      ),
    );
    reportId = result.id;
    const clocks = await database.db
      .selectFrom('clocks')
      .select(['rule', 'due_at'])
      .where('report_id', '=', reportId)
      .execute();
    expect(clocks.filter((c) => c.rule === 'report.acknowledge').map((c) => c.due_at.toISOString())).toEqual(
      Array(4).fill(later(1).toISOString()),
    );
    expect(clocks.filter((c) => c.rule === 'report.emergency_response')).toHaveLength(1);
  });

  it('acknowledged on time → met; acknowledged three days late → missed', async () => {
    for (const [username, hours] of [
      ['police.shashi', 0.5],
      ['supervisor.cenhe', 0.8],
      ['officer.shashi', 72],
    ] as const) {
      const who = await actor(username);
      await unitOfWork(database.db, who, 'report.acknowledge', (uow) =>
        acknowledgeReportIn(uow, reportId, later(hours)),
      );
    }
    const states = await database.db
      .selectFrom('clocks')
      .innerJoin('organisations as o', 'o.id', 'clocks.owner_org_id')
      .select(['o.name', 'clocks.state'])
      .where('clocks.report_id', '=', reportId)
      .where('clocks.rule', '=', 'report.acknowledge')
      .execute();
    expect(Object.fromEntries(states.map((s) => [s.name, s.state]))).toEqual({
      荆州市公安局沙市区分局: 'met',
      沙市区岑河镇人民政府: 'met',
      荆州市沙市区民政局: 'missed',
      岑河镇陈龙村村民委员会: 'running',
    });
  });

  it('as of 90 minutes the owners are alerted; as of two weeks the missed clocks climbed the chain', async () => {
    registerSweep(clockEscalationSweep);
    await runSweeps(database.db, later(1.5));
    const alertsOf = async () =>
      (
        await database.db
          .selectFrom('alerts')
          .innerJoin('clocks', 'clocks.id', 'alerts.clock_id')
          .innerJoin('organisations as owner', 'owner.id', 'clocks.owner_org_id')
          .leftJoin('organisations as recipient', 'recipient.id', 'alerts.recipient_org_id')
          .select([
            'owner.name as owner',
            'alerts.level',
            'alerts.target',
            'recipient.name as recipient',
            'alerts.raised_at',
          ])
          .where('clocks.report_id', '=', reportId)
          .orderBy('owner.name')
          .orderBy('alerts.level')
          .execute()
      ).map((a) => `${a.owner} L${a.level} ${a.target} → ${a.recipient}`);
    expect(await alertsOf()).toEqual([
      '岑河镇陈龙村村民委员会 L1 owner → 岑河镇陈龙村村民委员会',
      '荆州市沙市区民政局 L1 owner → 荆州市沙市区民政局',
    ]);
    await runSweeps(database.db, later(14 * 24));
    const twoWeeks = await alertsOf();
    expect(twoWeeks).toEqual([
      '岑河镇陈龙村村民委员会 L1 owner → 岑河镇陈龙村村民委员会',
      '岑河镇陈龙村村民委员会 L2 director → 岑河镇陈龙村村民委员会',
      '岑河镇陈龙村村民委员会 L3 supervisor → 沙市区岑河镇人民政府',
      '岑河镇陈龙村村民委员会 L4 civil_affairs → 荆州市沙市区民政局',
      '岑河镇陈龙村村民委员会 L5 joint_conference → 荆州市民政局',
      // No emergency response on site within two hours of a report of danger: the police clock climbs too.
      '荆州市公安局沙市区分局 L1 owner → 荆州市公安局沙市区分局',
      '荆州市公安局沙市区分局 L2 director → 岑河镇陈龙村村民委员会',
      '荆州市公安局沙市区分局 L3 supervisor → 沙市区岑河镇人民政府',
      '荆州市公安局沙市区分局 L4 civil_affairs → 荆州市沙市区民政局',
      '荆州市公安局沙市区分局 L5 joint_conference → 荆州市民政局',
      // Acknowledged after 72 hours: the levels reached before then, no more.
      '荆州市沙市区民政局 L1 owner → 荆州市沙市区民政局',
      '荆州市沙市区民政局 L2 director → 岑河镇陈龙村村民委员会',
      '荆州市沙市区民政局 L3 supervisor → 沙市区岑河镇人民政府',
    ]);
    expect(twoWeeks.filter((a) => a.startsWith('岑河镇陈龙村村民委员会'))).toHaveLength(5);
    expect(twoWeeks.filter((a) => a.startsWith('荆州市沙市区民政局'))).toEqual([
      '荆州市沙市区民政局 L1 owner → 荆州市沙市区民政局',
      '荆州市沙市区民政局 L2 director → 岑河镇陈龙村村民委员会',
      '荆州市沙市区民政局 L3 supervisor → 沙市区岑河镇人民政府',
    ]);
    expect(twoWeeks.filter((a) => a.includes('沙市区岑河镇人民政府 L'))).toEqual([]);
    // A second run, and a replay as of an earlier moment, add nothing.
    await runSweeps(database.db, later(14 * 24));
    await runSweeps(database.db, later(2));
    expect(await alertsOf()).toEqual(twoWeeks);
  });

  it('the alerts reach the right people in "my work"', async () => {
    const city = await myWork(database.db, await actor('officer.city'), later(14 * 24));
    expect(city.alerts.some((a) => a.target === 'joint_conference' && a.reportId === reportId)).toBe(true);
    const director = await myWork(database.db, await actor('director.chenlong'), later(14 * 24));
    expect(director.reportsToAcknowledge.find((r) => r.reportId === reportId)?.overdue).toBe(true);
    expect(
      director.alerts
        .filter((a) => a.reportId === reportId)
        .map((a) => a.target)
        .sort(),
    ).toEqual(['director', 'director', 'director', 'owner']);
    const police = await myWork(database.db, await actor('police.shashi'), later(14 * 24));
    expect(police.reportsToAcknowledge.find((r) => r.reportId === reportId)).toBeUndefined();
    // The township only hears as supervisor (level 3), never as the owner of a missed clock.
    const township = await myWork(database.db, await actor('supervisor.cenhe'), later(14 * 24));
    expect(township.alerts.filter((a) => a.reportId === reportId).every((a) => a.target === 'supervisor')).toBe(true);
    expect(await orgId('荆州市民政局')).toBeTruthy();
  });
});

describe('escalation recipients resolved by place, set-based', () => {
  let db: TestDatabase;
  const due = new Date('2026-03-01T00:00:00Z');
  const after = (hours: number) => new Date(due.getTime() + hours * 3_600_000);
  const orgs = new Map<string, string>();
  const clocks = new Map<string, string>();

  async function org(key: string, kind: string, code: string, active = true): Promise<void> {
    // One statement each: created_at orders the duplicates.
    const { rows } = await sql<{
      id: string;
    }>`INSERT INTO organisations (name, kind, division_code, active, created_at) VALUES (${key}, ${kind}, ${code}, ${active}, now() + ${`${orgs.size} seconds`}::interval) RETURNING id`.execute(
      db.db,
    );
    orgs.set(key, rows[0]!.id);
  }
  async function clock(
    key: string,
    code: string,
    extra: { state?: 'paused' | 'missed'; stopped_at?: Date } = {},
  ): Promise<void> {
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: orgs.get('owner')!,
        subject_type: 'case',
        subject_id: crypto.randomUUID(),
        division_code: code,
        started_at: after(-240),
        due_at: due,
        escalation_hours: [0, 2, 24, 72, 168],
        next_escalation_at: due,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    clocks.set(key, row.id);
  }
  async function alerts(): Promise<string[]> {
    const names = new Map([...orgs].map(([key, id]) => [id, key]));
    const keys = new Map([...clocks].map(([key, id]) => [id, key]));
    const rows = await db.db
      .selectFrom('alerts')
      .select(['clock_id', 'level', 'target', 'recipient_org_id', 'raised_at'])
      .execute();
    return rows
      .map(
        (a) =>
          `${keys.get(a.clock_id)} L${a.level} ${a.target} → ${a.recipient_org_id ? names.get(a.recipient_org_id) : 'none'}`,
      )
      .sort();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await org('owner', 'civil_affairs_bureau', '421002000000');
    await org('committee 1', 'village_committee', '421002001001');
    await org('committee 2, dissolved', 'village_committee', '421002001002', false);
    await org('committee 2', 'village_committee', '421002001002');
    await org('committee 2, later', 'village_committee', '421002001002');
    await org('zhongshan', 'township_government', '421002001000');
    await org('chongwen', 'township_government', '421002002000');
    await org('jingzhou bureau', 'civil_affairs_bureau', '421000000000');
    await org('jingzhou office', 'joint_conference_office', '421000000000');
    await org('wuhan county', 'civil_affairs_bureau', '420102000000');
    await org('wuhan bureau', 'civil_affairs_bureau', '420100000000');
    await db.db
      .insertInto('lead_agencies')
      .values([
        {
          division_code: '421000000000',
          organisation_id: orgs.get('jingzhou bureau')!,
          valid_from: '2020-01-01',
          valid_to: '2026-01-01',
        },
        {
          division_code: '421000000000',
          organisation_id: orgs.get('jingzhou office')!,
          valid_from: '2026-01-01',
          valid_to: null,
        },
      ])
      .execute();
    // Two clocks in one village and one in its neighbour share the township, county and city.
    await clock('a', '421002001001');
    await clock('b', '421002001001');
    await clock('c', '421002001002');
    await clock('d', '421002002001'); // a village without a committee
    await clock('e', '420102001001'); // Wuhan: no township government, no lead agency named
    await clock('paused', '421002001001', { state: 'paused' });
    await clock('stopped', '421002001002', { state: 'missed', stopped_at: after(30) });
  });
  afterAll(async () => db.drop());

  it('raises every level with its recipient, the owner first; a level with no organisation at its place lands on the next level up', async () => {
    expect(await clockEscalationSweep.run(db.db, after(1))).toEqual({ alerts: 6, clocks: 6 });
    expect(await clockEscalationSweep.run(db.db, after(240))).toEqual({ alerts: 22, clocks: 6 });
    const raised = await alerts();
    const chain = (key: string, committee: string, township: string, county: string, city: string) => [
      `${key} L1 owner → owner`,
      `${key} L2 director → ${committee}`,
      `${key} L3 supervisor → ${township}`,
      `${key} L4 civil_affairs → ${county}`,
      `${key} L5 joint_conference → ${city}`,
    ];
    expect(raised).toEqual(
      [
        ...chain('a', 'committee 1', 'zhongshan', 'owner', 'jingzhou office'),
        ...chain('b', 'committee 1', 'zhongshan', 'owner', 'jingzhou office'),
        ...chain('c', 'committee 2', 'zhongshan', 'owner', 'jingzhou office'),
        // A level whose place has no organisation goes to the next level up, never to nobody.
        ...chain('d', 'chongwen', 'chongwen', 'owner', 'jingzhou office'),
        ...chain('e', 'wuhan county', 'wuhan county', 'wuhan county', 'wuhan bureau'),
        // Stopped 30 hours after the due time: the levels reached by then.
        ...chain('stopped', 'committee 2', 'zhongshan', 'owner', 'jingzhou office').slice(0, 3),
      ].sort(),
    );
    expect(raised.filter((a) => a.endsWith('→ none'))).toEqual([]);
    // …and is read there by the role of the level that received it.
    const roleOf = async (key: string, level: number) =>
      (
        await db.db
          .selectFrom('alerts')
          .select('recipient_role')
          .where('clock_id', '=', clocks.get(key)!)
          .where('level', '=', level)
          .executeTakeFirstOrThrow()
      ).recipient_role;
    expect([await roleOf('d', 2), await roleOf('e', 2), await roleOf('e', 3), await roleOf('a', 2)]).toEqual([
      'township_supervisor',
      'civil_affairs_officer',
      'civil_affairs_officer',
      'village_director',
    ]);
    const states = await db.db.selectFrom('clocks').select(['id', 'escalation_level', 'next_escalation_at']).execute();
    const of = (key: string) => states.find((s) => s.id === clocks.get(key));
    expect(of('a')).toMatchObject({ escalation_level: 5, next_escalation_at: null });
    expect(of('stopped')).toMatchObject({ escalation_level: 3, next_escalation_at: null });
    expect(of('paused')).toMatchObject({ escalation_level: 0 });
  });

  it('a second run, and a replay as of an earlier moment, raise nothing', async () => {
    const before = await alerts();
    expect(await clockEscalationSweep.run(db.db, after(240))).toEqual({ alerts: 0, clocks: 0 });
    expect(await clockEscalationSweep.run(db.db, after(50))).toEqual({ alerts: 0, clocks: 0 });
    expect(await alerts()).toEqual(before);
  });

  it('the joint conference is the lead agency named on the day swept', async () => {
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: orgs.get('owner')!,
        subject_type: 'case',
        subject_id: crypto.randomUUID(),
        division_code: '421002001001',
        started_at: '2025-05-01T00:00:00Z',
        due_at: '2025-06-01T00:00:00Z',
        escalation_hours: [0, 2, 24, 72, 168],
        next_escalation_at: '2025-06-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    clocks.set('2025', row.id);
    expect(await clockEscalationSweep.run(db.db, new Date('2025-06-10T00:00:00Z'))).toEqual({ alerts: 5, clocks: 1 });
    expect((await alerts()).filter((a) => a.startsWith('2025 L5'))).toEqual([
      '2025 L5 joint_conference → jingzhou bureau',
    ]);
  });
});
