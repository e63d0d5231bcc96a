import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { myWork } from '../clocks/my-work.js';
import { actorFor, loadUserAccount } from '../../platform/auth/load-actor.js';

/*
 * A place with no receiver of a kind: routing goes up the division tree and the taker is told;
 * with no police anywhere the report is still saved, the city's lead agency is alerted, and the
 * taker is told that too. The world (factories, no demo): 沙市区 has every receiver in its place
 * (police, civil affairs, 岑河镇, 陈龙村); 洪湖市 has no organisation at all; 荆州市民政局 is the
 * city's lead agency.
 */

let server: TestServer;
let hotline: ApiSession;
let honghuVillage: string;
beforeAll(async () => {
  server = await startTestServer();
  const make = factories(server.database.db);
  for (const receiver of ['shashiPolice', 'shashiCivilAffairs', 'cenheTownship', 'chenlongVillage'] as const)
    await make.organisationNamed(receiver);
  await make.leadAgency(places.jingzhou, await make.organisationNamed('cityCivilAffairs'));
  await make.as('officer.city');
  hotline = await make.signInAs(server.url, 'hotline.12338');
  honghuVillage = (
    await server.database.db
      .selectFrom('divisions')
      .select('code')
      .where('code', 'like', '421083%')
      .where('level', '=', 'village')
      .where('valid_to', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
}, 120_000);
afterAll(async () => server.close());

interface Submitted {
  id: string;
  routing: {
    fallbacks: { role: string; organisationName: string }[];
    missing: string[];
    alerted: { organisationName: string } | null;
    warnings: string[];
  };
}

const report = (divisionCode: string) => ({
  channel: 'hotline',
  line: '12338',
  caller: { anonymous: true },
  // Serious harm (9) implies no service of the matrix: this file is about the statutory receivers
  // (matrix-routing.test.ts is about the providers and gaps).
  situations: [9],
  description: '孩子独自在家，无人照料',
  unknownChild: '一名约八岁男孩',
  divisionCode,
  immediateDanger: true,
});

async function submit(divisionCode: string, language = 'zh-CN'): Promise<Submitted> {
  const response = await hotline.request('POST', '/api/reports', report(divisionCode), { 'accept-language': language });
  expect(response.status).toBe(201);
  return (await response.json()) as Submitted;
}

async function recipientsOf(reportId: string): Promise<string[]> {
  const rows = await server.database.db
    .selectFrom('report_recipients as rr')
    .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
    .select(['o.name', 'rr.role'])
    .where('rr.report_id', '=', reportId)
    .execute();
  return rows.map((r) => `${r.role}: ${r.name}`).sort();
}

describe('a place without a receiver of a kind', () => {
  it('a report where every receiver sits in its place: no warning', async () => {
    const sent = await submit(places.chenlong);
    expect(sent.routing).toEqual({ fallbacks: [], missing: [], alerted: null, providers: [], gaps: [], warnings: [] });
  });

  it('no police up the whole tree (a 洪湖市 village): saved, the lead agency receives it with an alert, the taker is warned', async () => {
    const sent = await submit(honghuVillage);
    expect(sent.routing.missing).toEqual(['police', 'township', 'village']);
    expect(sent.routing.alerted).toEqual({ organisationId: expect.any(String), organisationName: '荆州市民政局' });
    expect(sent.routing.fallbacks).toEqual([
      expect.objectContaining({ role: 'civil_affairs', organisationName: '荆州市民政局' }),
    ]);
    expect(sent.routing.warnings[0]).toContain('没有公安机关');
    expect(sent.routing.warnings[0]).toContain('荆州市民政局');
    expect(sent.routing.warnings).toHaveLength(4);
    expect(await recipientsOf(sent.id)).toEqual(['civil_affairs: 荆州市民政局']);
    const alerts = await server.database.db
      .selectFrom('alerts as a')
      .innerJoin('clocks as c', 'c.id', 'a.clock_id')
      .select(['a.level', 'a.recipient_role', 'a.recipient_org_id'])
      .where('c.report_id', '=', sent.id)
      .execute();
    expect(alerts).toEqual([expect.objectContaining({ level: 0, recipient_role: 'civil_affairs_officer' })]);
    // The city's civil affairs officer finds it in "my work".
    const user = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'officer.city')
      .executeTakeFirstOrThrow();
    const officer = actorFor((await loadUserAccount(server.database.db, user.id))!, {
      locale: 'zh-CN',
      ip: null,
      requestId: null,
    });
    expect((await myWork(server.database.db, officer)).alerts.some((a) => a.reportId === sent.id)).toBe(true);
  });

  it('a police organisation of the city: the 洪湖市 report goes up the tree to it, and the taker is told (English)', async () => {
    await server.database.db
      .insertInto('organisations')
      .values({ name: '荆州市公安局', kind: 'police', division_code: '421000000000' })
      .execute();
    const sent = await submit(honghuVillage, 'en');
    expect(sent.routing.missing).toEqual(['township', 'village']);
    expect(sent.routing.alerted).toBeNull();
    expect(sent.routing.fallbacks.map((f) => `${f.role}: ${f.organisationName}`)).toEqual([
      'police: 荆州市公安局',
      'civil_affairs: 荆州市民政局',
    ]);
    expect(sent.routing.warnings[0]).toMatch(/went up the division tree to 荆州市公安局/);
    expect(await recipientsOf(sent.id)).toEqual(['civil_affairs: 荆州市民政局', 'police: 荆州市公安局']);
    const clocks = await server.database.db
      .selectFrom('clocks')
      .innerJoin('organisations as o', 'o.id', 'clocks.owner_org_id')
      .select(['clocks.rule', 'o.name'])
      .where('clocks.report_id', '=', sent.id)
      .execute();
    expect(clocks.filter((c) => c.rule === 'report.emergency_response').map((c) => c.name)).toEqual(['荆州市公安局']);
  });
});
