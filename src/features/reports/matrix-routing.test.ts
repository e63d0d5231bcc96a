import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWithRole } from '../../../test/support/accounts.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';

/*
 * Issue 15: report routing reads the responsibility matrix. The default matrix: the rescue station
 * leads the street children's shelter, the protection centre temporary care (both city-level, so
 * they serve every county of 荆州). A begging report goes to the station as `provider`; a county
 * where nobody leads temporary care (公安县's own matrix version) is a gap, on the report, and the
 * county civil affairs receives it. The station reads the report until a case takes it, then only
 * while it takes part in the child.
 */

let server: TestServer;
let make: Factories;
let hotline: ApiSession;
let station: ApiSession;
let officer: ApiSession;
let stationId: string;
const db = () => server.database.db;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(db());
  for (const organisation of [
    'shashiPolice',
    'shashiCivilAffairs',
    'cenheTownship',
    'chenlongVillage',
    'gonganPolice',
    'gonganCivilAffairs',
    'protectionCentre',
  ] as const)
    await make.organisationNamed(organisation);
  stationId = (await make.organisationNamed('rescueStation')).id;
  hotline = await make.signInAs(server.url, 'hotline.12338');
  officer = await make.signInAs(server.url, 'officer.shashi');
  station = await accountWithRole(server.url, db(), {
    username: 'staff.station',
    organisationName: '荆州市救助管理站',
    role: 'institution_staff',
  });
  // 公安县's own version, in force since 2020: nobody there leads temporary care.
  const gongan = await db()
    .insertInto('service_matrix_versions')
    .values({ division_code: places.gongan, version: 1, valid_from: '2020-01-01', created_label: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('service_matrix_cells')
    .values({
      version_id: gongan.id,
      service: 'temporary_care',
      kind: 'minor_protection_centre',
      responsibility: 'none',
    })
    .execute();
  // 沙市区's version from 2099 would leave the shelter to nobody; it is not in force yet.
  const later = await db()
    .insertInto('service_matrix_versions')
    .values({ division_code: places.shashi, version: 1, valid_from: '2099-01-01', created_label: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('service_matrix_cells')
    .values({
      version_id: later.id,
      service: 'street_children_shelter',
      kind: 'rescue_station',
      responsibility: 'none',
    })
    .execute();
}, 120_000);
afterAll(async () => server.close());

interface Submitted {
  id: string;
  routing: {
    providers: { service: string; organisationName: string }[];
    gaps: { service: string; organisationName: string | null }[];
    warnings: string[];
  };
}

async function submit(situations: number[], divisionCode: string, language = 'zh-CN'): Promise<Submitted> {
  const response = await hotline.request(
    'POST',
    '/api/reports',
    {
      channel: 'hotline',
      line: '12338',
      caller: { anonymous: false, name: '张女士', phone: '13800000000' },
      situations,
      description: '一名男孩在车站乞讨，无人看管',
      unknownChild: '约九岁男孩',
      divisionCode,
      immediateDanger: false,
    },
    { 'accept-language': language },
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Submitted;
}

const recipients = async (reportId: string) =>
  (
    await db()
      .selectFrom('report_recipients as rr')
      .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
      .select(['o.name', 'rr.role', 'rr.service'])
      .where('rr.report_id', '=', reportId)
      .execute()
  )
    .map((r) => `${r.role}${r.service ? `/${r.service}` : ''}: ${r.name}`)
    .sort();

async function stationReach(reportId: string) {
  const list = (await (await station.request('GET', '/api/reports?view=inbox&pageSize=100')).json()) as {
    items: { id: string }[];
  };
  return {
    read: (await station.request('GET', `/api/reports/${reportId}`)).status,
    listed: list.items.some((r) => r.id === reportId),
  };
}

describe('routing by the matrix', () => {
  let begging: Submitted;

  it('a begging report goes to the station that leads the shelter (the version in force today), without a clock', async () => {
    begging = await submit([8], places.chenlong);
    expect(begging.routing.providers).toEqual([
      { service: 'street_children_shelter', organisationId: stationId, organisationName: '荆州市救助管理站' },
    ]);
    expect(begging.routing.gaps).toEqual([]);
    expect(await recipients(begging.id)).toEqual([
      'civil_affairs: 荆州市沙市区民政局',
      'police: 荆州市公安局沙市区分局',
      'provider/street_children_shelter: 荆州市救助管理站',
      'township: 沙市区岑河镇人民政府',
      'village: 岑河镇陈龙村村民委员会',
    ]);
    const clocks = await db()
      .selectFrom('clocks')
      .select('owner_org_id')
      .where('report_id', '=', begging.id)
      .where('rule', '=', 'report.acknowledge')
      .execute();
    expect(clocks.map((c) => c.owner_org_id)).not.toContain(stationId);
  });

  it('the station reads it and finds it in its inbox until a case takes it; never the reporter', async () => {
    expect(await stationReach(begging.id)).toEqual({ read: 200, listed: true });
    const view = (await (await station.request('GET', `/api/reports/${begging.id}`)).json()) as {
      reporter: unknown;
      recipients: { role: string; service: string | null }[];
    };
    expect(view.reporter).toBeNull();
    expect(view.recipients).toContainEqual(
      expect.objectContaining({ role: 'provider', service: 'street_children_shelter' }),
    );
  });

  it('once a case takes the report, the station no longer reads it (404), lists it, or acknowledges it; taking part gives it back', async () => {
    const child = await make.child({ residenceCode: places.chenlong, name: '许小明' });
    const opened = await officer.request('POST', '/api/cases', { reportIds: [begging.id], childId: child.id });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const kase = (await opened.json()) as { id: string };
    expect(await stationReach(begging.id)).toEqual({ read: 404, listed: false });
    expect((await station.request('POST', `/api/reports/${begging.id}/acknowledge`, {})).status).toBe(404);
    const { seq } = (await (await officer.request('GET', `/api/cases/${kase.id}`)).json()) as { seq: number };
    const added = await officer.request('POST', `/api/cases/${kase.id}/actions`, {
      type: 'add_participant',
      organisationId: stationId,
      expectedSeq: seq,
    });
    expect(added.status, await added.clone().text()).toBe(200);
    expect(await stationReach(begging.id)).toEqual({ read: 200, listed: true });
  });

  it('a county where nobody leads temporary care: a gap on the report, the county civil affairs receives it, the taker is told', async () => {
    const sent = await submit([6], places.nongli, 'en');
    expect(sent.routing.providers).toEqual([]);
    expect(sent.routing.gaps).toEqual([
      { service: 'temporary_care', organisationId: expect.any(String), organisationName: '公安县民政局' },
    ]);
    expect(sent.routing.warnings.some((w) => /No organisation leads "Temporary care".*公安县民政局/.test(w))).toBe(
      true,
    );
    expect((await recipients(sent.id)).filter((r) => r.startsWith('provider'))).toEqual([]);
    expect(await recipients(sent.id)).toContain('civil_affairs: 公安县民政局');
    const gongan = await make.signInAs(server.url, 'officer.gongan');
    const view = (await (await gongan.request('GET', `/api/reports/${sent.id}`)).json()) as { matrixGaps: string[] };
    expect(view.matrixGaps).toEqual(['temporary_care']);
    // The same report in 沙市区: the centre leads temporary care there, no gap.
    const shashi = await submit([6], places.chenlong);
    expect(shashi.routing.providers.map((p) => p.organisationName)).toEqual(['荆州市未成年人救助保护中心']);
    expect(shashi.routing.gaps).toEqual([]);
  });

  it('a situation the rules map to no service routes to the statutory receivers only', async () => {
    const sent = await submit([4], places.chenlong);
    expect(sent.routing.providers).toEqual([]);
    expect(sent.routing.gaps).toEqual([]);
    expect((await recipients(sent.id)).filter((r) => r.startsWith('provider'))).toEqual([]);
  });
});
