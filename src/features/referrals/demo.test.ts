import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/database.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { reportVisibleTo } from '../../core/scope/report-visibility.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { matrixReport } from '../service-matrix/service.js';

let database: TestDatabase;
beforeAll(async () => {
  // A clone of the run's demo template, which the same seedDemo built (test/support/demo-template.ts).
  database = await createDemoDatabase();
}, 600_000);
afterAll(async () => database?.drop());

describe('the referrals and matrix demo, built by the real use cases', () => {
  it('has referrals in every status but one, each the last entry of its log', async () => {
    const rows = await database.db
      .selectFrom('referrals')
      .innerJoin('referral_actions as last', (join) =>
        join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
      )
      .select('last.status_after')
      .execute();
    expect(new Set(rows.map((r) => r.status_after))).toEqual(
      new Set(['requested', 'in_progress', 'completed', 'declined', 'withdrawn']),
    );
  });

  it('J city: the rescue-station / welfare-home overlap, and 沙市区 alone without medical treatment', async () => {
    const report = await matrixReport(database.db, systemActor('test'), { division: '421000000000' });
    const shashi = report.counties.find((c) => c.code === '421002000000')!;
    expect(shashi.overlaps.find((o) => o.service === 'temporary_care')?.leaders.map((l) => l.kind)).toEqual(
      expect.arrayContaining(['rescue_station', 'child_welfare_home']),
    );
    const gapsOf = (service: string) => report.counties.filter((c) => c.gaps.some((g) => g.service === service));
    expect(gapsOf('medical_treatment').map((c) => c.name)).toEqual(['沙市区']);
  });

  it('a case plan with services delivered through a referral, by the lead, not delivered and overdue; a lead moved county', async () => {
    const services = await database.db
      .selectFrom('case_services as s')
      .innerJoin('case_service_actions as last', (join) =>
        join.onRef('last.case_service_id', '=', 's.id').onRef('last.seq', '=', 's.seq'),
      )
      .select(['s.service', 'last.status_after', 's.referral_id', 's.due_on'])
      .execute();
    const statusOf = (service: string) => services.find((s) => s.service === service)?.status_after;
    expect(statusOf('psychological_counselling')).toBe('referred');
    expect(services.find((s) => s.service === 'psychological_counselling')?.referral_id).not.toBeNull();
    expect(statusOf('family_education_guidance')).toBe('delivered');
    expect(statusOf('cash_assistance')).toBe('not_delivered');
    expect(statusOf('education_support')).toBe('planned');
    const counselling = await database.db
      .selectFrom('referrals')
      .innerJoin('referral_actions as last', (join) =>
        join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
      )
      .select(['last.status_after', 'referrals.child_id', 'referrals.to_org_id'])
      .where('referrals.id', '=', services.find((s) => s.service === 'psychological_counselling')!.referral_id!)
      .executeTakeFirstOrThrow();
    expect(counselling.status_after).toBe('completed');
    // The social work organisation has no other basis for the child (the journey shows the worker
    // reading only what a new referral shares, then losing the file).
    const basis = await database.db
      .selectFrom('child_participations')
      .select('basis')
      .where('child_id', '=', counselling.child_id)
      .where('organisation_id', '=', counselling.to_org_id)
      .where('ended_at', 'is', null)
      .execute();
    expect(basis).toEqual([]);
    const moved = await database.db
      .selectFrom('case_lead_transfers as t')
      .innerJoin('cases', 'cases.id', 't.case_id')
      .innerJoin('organisations as r', 'r.id', 't.to_org_id')
      .select(['r.name', 't.waiting', 'cases.lead_org_id', 't.to_org_id'])
      .execute();
    expect(moved).toEqual([
      { name: '公安县民政局', waiting: false, lead_org_id: moved[0]?.to_org_id, to_org_id: moved[0]?.to_org_id },
    ]);
  });

  it('reports routed by the matrix: the rescue station has a copy with no clock; a 公安县 gap is on its report and with its civil affairs; each read by its receivers only', async () => {
    const db = database.db;
    const orgs = new Map(
      (await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    // Staff of the organisation who work reports (as a receiver reads them), seeing no child by place.
    const staffOf = (name: string): Actor => ({
      ...systemActor('test'),
      kind: 'user',
      userId: null,
      organisationId: orgs.get(name)!,
      label: name,
      permissions: new Set(['reports.receive', 'cases.read']),
      jurisdiction: [],
      childJurisdiction: [],
    });
    const reportAbout = (place: string) =>
      db.selectFrom('reports').select(['id', 'matrix_gaps']).where('address', '=', place).executeTakeFirstOrThrow();
    const recipientsOf = (id: string) =>
      db
        .selectFrom('report_recipients as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .leftJoin('clocks', (join) =>
          join.onRef('clocks.subject_id', '=', 'r.id').on('clocks.rule', '=', 'report.acknowledge'),
        )
        .select(['o.name', 'r.role', 'r.service', 'clocks.id as clock'])
        .where('r.report_id', '=', id)
        .execute();
    const readers = async (id: string, names: string[]) => {
      const seen: string[] = [];
      for (const name of names) {
        const row = await db
          .selectFrom('reports')
          .select('id')
          .where('id', '=', id)
          .where(reportVisibleTo(staffOf(name)))
          .executeTakeFirst();
        if (row) seen.push(name);
      }
      return seen;
    };
    const station = '荆州市救助管理站';
    const others = [station, '荆州市儿童福利院', '荆州市沙市区民政局', '公安县民政局', '荆州市童心社会工作服务中心'];

    const begging = await reportAbout('沙市区中山路地下通道');
    expect(begging.matrix_gaps).toEqual([]);
    const copies = await recipientsOf(begging.id);
    expect(copies.filter((r) => r.role === 'provider')).toEqual([
      { name: station, role: 'provider', service: 'street_children_shelter', clock: null },
    ]);
    expect(copies.filter((r) => r.role !== 'provider').every((r) => r.clock !== null)).toBe(true);
    expect(await readers(begging.id, others)).toEqual([station, '荆州市沙市区民政局']);

    const gap = await reportAbout('公安县埠河镇汽车站');
    expect(gap.matrix_gaps).toEqual(['street_children_shelter']);
    const routed = await recipientsOf(gap.id);
    expect(routed.map((r) => r.name)).not.toContain(station);
    expect(routed.find((r) => r.name === '公安县民政局')).toMatchObject({ role: 'civil_affairs' });
    expect(routed.find((r) => r.name === '公安县民政局')?.clock).not.toBeNull();
    expect(await readers(gap.id, others)).toEqual(['公安县民政局']);
  });
});
