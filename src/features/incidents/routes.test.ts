import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

/* Incident records: seen only by those working the child's case, flags derived, never in the exports. */

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let police: ApiSession;
let township: ApiSession;
let gongan: ApiSession;
let worker: ApiSession;
let child: TestChild;
let caseId: string;
let incidentId: string;

const place = '岑河镇某出租屋（秘密地点甲）';
const description = '邻居听到呼救后报警（秘密描述乙）';
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
interface IncidentList {
  items: { id: string; place: string; childRole: string }[];
  flags: { victim: boolean; offender: boolean };
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '陈小禾', residenceCode: places.chenlong });
  // The district bureau leads the child's case; the police take part in it.
  const kase = await make.openCase(await make.as('officer.shashi'), {
    childId: child.id,
    participantIds: [(await make.organisationNamed('shashiPolice')).id],
    reason: '家庭暴力',
  });
  caseId = kase.id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  police = await make.signInAs(server.url, 'police.shashi');
  township = await make.signInAs(server.url, 'supervisor.cenhe');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  worker = await make.signInAs(server.url, 'socialworker');
}, 180_000);
afterAll(async () => server?.close());

describe('an incident under a case', () => {
  it('is recorded by the police working the case (a retry replays it)', async () => {
    const body = {
      childId: child.id,
      caseId,
      harmKind: 'domestic_violence',
      occurredOn: '2026-02-10',
      place,
      perpetratorRelation: 'step_parent',
      childRole: 'victim',
      description,
    };
    const made = await police.request('POST', '/api/incidents', body, { 'idempotency-key': 'incident-0001' });
    expect(made.status).toBe(201);
    incidentId = (await json<{ id: string }>(made)).id;
    const again = await police.request('POST', '/api/incidents', body, { 'idempotency-key': 'incident-0001' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const future = await police.request('POST', '/api/incidents', { ...body, occurredOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await errorOf(future)).code).toBe('incidents.in_future');
  });

  it('the case’s organisations see it and the victim flag', async () => {
    for (const session of [officer, police]) {
      const list = await json<IncidentList>(await session.request('GET', `/api/incidents?caseId=${caseId}`));
      expect(list.items).toEqual([expect.objectContaining({ id: incidentId, place, childRole: 'victim' })]);
      expect(list.flags).toEqual({ victim: true, offender: false });
    }
  });

  it('nobody else does: the township (the child by place only), another county, a society organisation', async () => {
    const byPlace = await json<IncidentList>(await township.request('GET', `/api/incidents?childId=${child.id}`));
    expect(byPlace).toEqual({ items: [], flags: { victim: false, offender: false } });
    expect((await township.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    expect((await gongan.request('GET', `/api/incidents?caseId=${caseId}`)).status).toBe(404);
    expect(await json<IncidentList>(await gongan.request('GET', `/api/incidents?childId=${child.id}`))).toEqual({
      items: [],
      flags: { victim: false, offender: false },
    });
    expect(await json<IncidentList>(await worker.request('GET', `/api/incidents?childId=${child.id}`))).toEqual({
      items: [],
      flags: { victim: false, offender: false },
    });
    // Nor may they refer from it.
    const refer = await township.request('POST', `/api/incidents/${incidentId}/referral`, {
      toOrganisationId: (await make.organisationNamed('socialWorkA')).id,
      service: 'psychological_counselling',
      reason: '心理疏导',
      guardianConsent: 'given',
      childConsent: 'given',
    });
    expect(refer.status).toBe(404);
  });

  it('is in no export and not in the child’s file, even for the case lead', async () => {
    const response = await officer.request('GET', '/api/children/export.xlsx');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value ?? ''))));
    expect(cells.some((cell) => cell.includes('陈小禾'))).toBe(true);
    const everything = cells.join('\n');
    for (const secret of ['秘密地点甲', '秘密描述乙', '被害', '受害', 'victim', '涉罪', 'offender'])
      expect(everything).not.toContain(secret);
    const file = await (await officer.request('GET', `/api/children/${child.id}`)).text();
    expect(file).not.toContain('秘密地点甲');
    expect(file).not.toContain('victim');
  });

  it('refers the child for victim support: a referral sharing the identity and the case summary', async () => {
    const socialWorkId = (await make.organisationNamed('socialWorkA')).id;
    const refer = await officer.request('POST', `/api/incidents/${incidentId}/referral`, {
      toOrganisationId: socialWorkId,
      service: 'psychological_counselling',
      reason: '遭受家庭暴力后情绪不稳，需要心理疏导',
      guardianConsent: 'not_asked',
      childConsent: 'given',
      waiverReason: '监护人为侵害人',
    });
    expect(refer.status).toBe(201);
    const { referralId } = await json<{ referralId: string }>(refer);
    const incoming = await json<{ items: { id: string }[] }>(
      await worker.request('GET', '/api/referrals?direction=incoming'),
    );
    expect(incoming.items).toEqual([expect.objectContaining({ id: referralId })]);
    const referral = await json<{ shares: string[]; caseId: string }>(
      await officer.request('GET', `/api/referrals/${referralId}`),
    );
    expect(referral).toMatchObject({ shares: ['identity', 'case_summary'], caseId });
    // Accepted, the referral lets the social workers see the child — not its incidents (need-to-know).
    const accepted = await worker.request('POST', `/api/referrals/${referralId}/actions`, {
      type: 'accept',
      expectedSeq: 1,
    });
    expect(accepted.status).toBe(200);
    expect(await json<IncidentList>(await worker.request('GET', `/api/incidents?childId=${child.id}`))).toEqual({
      items: [],
      flags: { victim: false, offender: false },
    });
  });
});
