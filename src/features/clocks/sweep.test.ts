import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, loadUserAccount } from '../../platform/auth/load-actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { runSweeps, registerSweep } from '../../platform/jobs/sweeps.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { loadFeatures } from '../../server.js';
import { acknowledgeReportIn, submitReportIn } from '../reports/service.js';
import { myWork } from './my-work.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // The features' inbox contributions ("my work") are registered as the root loads them.
  await loadFeatures();
  // The receivers of 陈龙村 and the escalation chain above it, made by the factories (no demo):
  // police and civil affairs of 沙市区, 岑河镇, 陈龙村, and 荆州市民政局 as the city's lead agency.
  const make = factories(database.db);
  await make.cast(
    'hotline.12338',
    'police.shashi',
    'supervisor.cenhe',
    'officer.shashi',
    'officer.city',
    'director.chenlong',
  );
  await make.leadAgency(places.jingzhou, await make.organisationNamed('cityCivilAffairs'));
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
          divisionCode: places.chenlong,
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
