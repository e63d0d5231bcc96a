import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/access/actor.js';
import { flowsOf } from './flows-service.js';
import { problemsOf } from './problems-service.js';
import { writeProblemsWorkbook } from './problems-workbook.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The flow tables (reports by channel and reporting organisation, report → closure days, finished
 * institution stays) against rows this test wrote, for November 2026 as of 1 December: the numbers,
 * the analyst's suppression, an empty month, a place out of reach.
 */
let database: TestDatabase;
const now = new Date('2026-12-01T03:00:00Z');
const cst = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
const day = 86_400_000;

function reader(permissions: string[], jurisdiction: string): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId: null,
    label: '测试',
    roles: [],
    permissions: new Set(permissions),
    jurisdiction: [jurisdiction],
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}
const cityLead = reader(['insight.aggregate', 'children.read'], places.jingzhou);
const analyst = reader(['insight.aggregate'], places.jingzhou);
const gonganOfficer = reader(['insight.aggregate', 'children.read'], places.gongan);

let serial = 0;
let police = '';
async function child(village: string): Promise<string> {
  const row = await database.db
    .insertInto('children')
    .values({ name: `流转儿童${(serial += 1)}`, birth_date: '2016-03-01', residence_code: village })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A report with its receivers' clocks: `acks` is one entry per receiver, true when acknowledged in time. */
async function report(
  village: string,
  at: Date,
  channel: string,
  org: string | null,
  acks: boolean[],
  emergency?: boolean,
  caseId: string | null = null,
) {
  const { rows } = await sql<{ id: string }>`INSERT INTO reports (ref_no, channel, situations, description,
    division_code, immediate_danger, reporter_org_id, reported_at, case_id)
    VALUES (${`F-${(serial += 1)}`}, ${channel}, '{6}', '测试', ${village}, ${emergency !== undefined}, ${org}, ${at},
      ${caseId}) RETURNING id`.execute(database.db);
  const id = rows[0]!.id;
  const clock = (rule: string, minutes: number, inTime: boolean) =>
    sql`INSERT INTO clocks (rule, owner_org_id, subject_type, subject_id, report_id, division_code, started_at, due_at,
      state, stopped_at, escalation_hours)
      VALUES (${rule}, ${police}, 'report_recipient', gen_random_uuid(), ${id}, ${village}, ${at},
        ${new Date(at.getTime() + minutes * 60_000)}, ${inTime ? 'met' : 'missed'},
        ${new Date(at.getTime() + (inTime ? minutes / 2 : minutes * 2) * 60_000)}, '{}')`.execute(database.db);
  for (const inTime of acks) await clock('report.acknowledge', 60, inTime);
  if (emergency !== undefined) await clock('report.emergency_response', 120, emergency);
  return id;
}

/** A case of the village opened from a report `days` before its closure on `closedOn` (a first closure). */
async function closedCase(village: string, org: string, days: number, closedOn: string, reopened?: string) {
  const closedAt = cst(closedOn);
  const { rows } = await sql<{
    id: string;
  }>`INSERT INTO cases (case_no, child_id, division_code, lead_org_id, opened_at)
    VALUES (${`FC-${(serial += 1)}`}, ${await child(village)}, ${village}, ${org},
      ${new Date(closedAt.getTime() - days * day + 3_600_000)}) RETURNING id`.execute(database.db);
  const id = rows[0]!.id;
  await report(village, new Date(closedAt.getTime() - days * day), 'staff', null, [], undefined, id);
  const action = (seq: number, status: string, at: Date) =>
    sql`INSERT INTO case_actions (case_id, seq, type, status_after, actor_label, occurred_at)
      VALUES (${id}, ${seq}, 'test', ${status}, '测试', ${at})`.execute(database.db);
  await action(1, 'closed', closedAt);
  if (reopened) {
    await action(2, 'monitoring', cst(reopened));
    await action(3, 'closed', cst(reopened, '18:00'));
  }
}

async function stay(kind: string, org: string, village: string, days: number, endedOn: string) {
  const ended = cst(endedOn);
  await sql`INSERT INTO placements (child_id, kind, organisation_id, legal_basis, guardianship_type, reason, handover,
    division_code, started_at, ended_at) VALUES (${await child(village)}, ${kind}, ${org}, 'emergency', 'parents', '测试',
    ${JSON.stringify({ from: 'a', to: 'b', belongings: [], documents: [], notes: null })}, ${village},
    ${new Date(ended.getTime() - days * day)}, ${ended})`.execute(database.db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const make = factories(database.db);
  police = (await make.organisation({ kind: 'police', divisionCode: places.shashi })).id;
  const school = (await make.organisation({ kind: 'school', divisionCode: places.shashi, name: '沙市第一小学' })).id;
  const hospital = (await make.organisation({ kind: 'hospital', divisionCode: places.gongan, name: '公安县人民医院' }))
    .id;
  const station = (await make.organisation({ kind: 'rescue_station', divisionCode: places.jingzhou })).id;
  const home = (await make.organisation({ kind: 'child_welfare_home', divisionCode: places.jingzhou })).id;

  // November: the school reports six times (two receivers each; one receiver late once; two in
  // danger, one answered in time), the hospital twice, the hotline three times; October once.
  for (let i = 0; i < 6; i += 1)
    await report(
      places.chenlong,
      cst(`2026-11-0${i + 2}`),
      'mandated',
      school,
      [true, i !== 3],
      i < 2 ? i === 0 : undefined,
    );
  for (let i = 0; i < 2; i += 1) await report(places.nongli, cst('2026-11-10'), 'mandated', hospital, [true]);
  for (let i = 0; i < 3; i += 1) await report(places.chenlong, cst('2026-11-12'), 'hotline', null, [true]);
  await report(places.chenlong, cst('2026-10-20'), 'public', null, [false]);

  // Closures in November: 沙市 six cases 10…60 days after their report, 公安 two (5 and 7 days);
  // one first closed in October and again in November counts in October only.
  for (const days of [10, 20, 30, 40, 50, 60]) await closedCase(places.chenlong, police, days, '2026-11-20');
  await closedCase(places.nongli, police, 5, '2026-11-21');
  await closedCase(places.nongli, police, 7, '2026-11-22');
  await closedCase(places.shakou, police, 3, '2026-10-15', '2026-11-02');

  // Stays ended in November: the rescue station's of 2, 12 and 15 days, a welfare home's of 100.
  for (const days of [2, 12, 15]) await stay('rescue_station', station, places.chenlong, days, '2026-11-18');
  await stay('welfare_home', home, places.nongli, 100, '2026-11-25');
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe('the flow tables of a month', () => {
  it('counts reports by channel and reporting organisation, acknowledged and answered in time', async () => {
    const flows = await flowsOf(database.db, cityLead, places.jingzhou, { month: '2026-11', now });
    const mandated = flows.reports.byChannel.find((row) => row.channel === 'mandated')!;
    expect(mandated).toMatchObject({ received: 8, acknowledgedInTime: 7, emergencyDue: 2, emergencyInTime: 1 });
    expect(mandated.ackRate).toBe(87.5);
    expect(mandated.emergencyRate).toBe(50);
    expect(flows.reports.byChannel.find((row) => row.channel === 'hotline')).toMatchObject({
      received: 3,
      acknowledgedInTime: 3,
    });
    expect(flows.reports.byChannel.find((row) => row.channel === 'public')?.received).toBe(0);
    // The staff reports behind the closed cases: three fall in November (10, 5 and 7 days before).
    expect(flows.reports.byChannel.find((row) => row.channel === 'staff')?.received).toBe(3);
    expect(flows.reports.total.received).toBe(14);
    expect(flows.reports.byOrganisation.map((row) => [row.name, row.received])).toEqual([
      ['沙市第一小学', 6],
      ['公安县人民医院', 2],
      [null, 6],
    ]);
    const county = await flowsOf(database.db, cityLead, places.gongan, { month: '2026-11', now });
    expect(county.reports.total.received).toBe(2 + 2); // the hospital's two and two cases' reports (5, 7 days)
  });

  it('gives the days from report to closure by month and one level down', async () => {
    const flows = await flowsOf(database.db, cityLead, places.jingzhou, { month: '2026-11', now });
    expect(flows.closure.total).toEqual({ closed: 8, medianDays: 25, p90Days: 53 });
    const october = await flowsOf(database.db, cityLead, places.jingzhou, { month: '2026-10', now });
    expect(october.closure.total).toMatchObject({ closed: 1, medianDays: 3 });
    expect(flows.closure.level).toBe('county');
    const shashi = flows.closure.rows.find((row) => row.code === places.shashi)!;
    expect(shashi).toMatchObject({ closed: 6, medianDays: 35, p90Days: 55 });
    expect(flows.closure.rows.find((row) => row.code === places.gongan)).toMatchObject({
      closed: 2,
      medianDays: 6,
      p90Days: 6.8,
    });
  });

  it('stores the mean days from report to closure in the monthly snapshots (trend, one level down)', async () => {
    await fillSnapshots(database.db, now);
    const figures = await problemsOf(database.db, cityLead, places.jingzhou);
    const mean = figures.indicators.find((row) => row.code === 'cases.mean_days_report_to_close')!;
    // November: (10 + 20 + 30 + 40 + 50 + 60 + 5 + 7) / 8; October: the case first closed then, 3 days.
    expect(mean.trend.slice(-3)).toEqual([3, 27.8, null]);
    const column = figures.indicators.findIndex((row) => row.code === 'cases.mean_days_report_to_close');
    const counties = await problemsOf(database.db, cityLead, places.jingzhou, { endMonth: '2026-11' });
    const gongan = counties.breakdown.rows.find((row) => row.code === places.gongan)!;
    expect(gongan.values[column]).toBe(6);
  });

  it('gives finished institution stays by kind and station stays past 10 days', async () => {
    const flows = await flowsOf(database.db, cityLead, places.jingzhou, { month: '2026-11', now });
    expect(flows.stays.rows).toEqual([
      { kind: 'rescue_station', ended: 3, medianDays: 12, p90Days: 14.4 },
      { kind: 'protection_centre', ended: 0, medianDays: null, p90Days: null },
      { kind: 'welfare_home', ended: 1, medianDays: 100, p90Days: 100 },
    ]);
    expect(flows.stays.stationPastTenDays).toBe(2);
  });

  it('suppresses small cells for the analyst, with their complements', async () => {
    const flows = await flowsOf(database.db, analyst, places.jingzhou, { month: '2026-11', now });
    expect(flows.suppressed).toBe(true);
    const received = Object.fromEntries(flows.reports.byChannel.map((row) => [row.channel, row.received]));
    // Hotline 3 and staff 3 are small: two hidden cells need no complement.
    expect(received).toEqual({ hotline: null, mandated: 8, public: 0, staff: null });
    // By organisation: the hospital's 2 is the only small cell, so the smallest other (6) goes with it.
    expect(flows.reports.byOrganisation.map((row) => row.received)).toEqual([null, null, 6]);
    // 公安 closed 2: hidden with 沙市 as its complement; its median over two cases withheld.
    const gongan = flows.closure.rows.find((row) => row.code === places.gongan)!;
    expect(gongan).toMatchObject({ closed: null, medianDays: null, p90Days: null });
    expect(flows.closure.rows.find((row) => row.code === places.shashi)?.closed).toBeNull();
    expect(flows.closure.total).toMatchObject({ closed: 8, medianDays: 25 });
    const october = await flowsOf(database.db, analyst, places.jingzhou, { month: '2026-10', now });
    expect(october.closure.total).toMatchObject({ closed: null, medianDays: null });
    expect(flows.stays.rows.map((row) => row.ended)).toEqual([null, 0, null]);
    expect(flows.stays.rows[0]).toMatchObject({ medianDays: null, p90Days: null });
    expect(flows.stays.stationPastTenDays).toBeNull();
  });

  it('shows zeros for a month with no data, and refuses a month to come', async () => {
    const flows = await flowsOf(database.db, cityLead, places.jingzhou, { month: '2026-06', now });
    expect(flows.reports.total).toMatchObject({ received: 0, acknowledgedInTime: 0, emergencyDue: 0 });
    expect(flows.reports.byChannel.every((row) => row.received === 0)).toBe(true);
    expect(flows.reports.byOrganisation).toEqual([]);
    expect(flows.closure.total).toEqual({ closed: 0, medianDays: null, p90Days: null });
    expect(flows.closure.rows.every((row) => row.closed === 0)).toBe(true);
    expect(flows.stays.rows.every((row) => row.ended === 0)).toBe(true);
    expect(flows.stays.stationPastTenDays).toBe(0);
    await expect(flowsOf(database.db, cityLead, places.jingzhou, { month: '2027-01', now })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('answers a place out of reach like a missing one', async () => {
    await expect(flowsOf(database.db, gonganOfficer, places.shashi, { month: '2026-11', now })).rejects.toMatchObject({
      status: 404,
    });
    await expect(flowsOf(database.db, gonganOfficer, places.jingzhou, { month: '2026-11', now })).rejects.toMatchObject(
      { status: 404 },
    );
    const own = await flowsOf(database.db, gonganOfficer, places.gongan, { month: '2026-11', now });
    expect(own.closure.total).toMatchObject({ closed: 2, medianDays: 6 });
  });

  it('writes the tables into the page workbook as the analyst sees them', async () => {
    const [figures, flows] = await Promise.all([
      problemsOf(database.db, analyst, places.jingzhou),
      flowsOf(database.db, analyst, places.jingzhou, { month: '2026-11', now }),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeProblemsWorkbook(figures, 'zh-CN', flows)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('报告与结案')!;
    const cells = sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells).toContain('沙市第一小学');
    expect(cells).toContain('<5');
  });
});
