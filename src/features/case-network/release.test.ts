import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let centre: ApiSession;
let shashi: ApiSession;
let worker: ApiSession;
let child: TestChild;
let caseId: string;
let ids: { centre: string; shashi: string; socialWork: string };

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '周小河', residenceCode: places.chenlong, birthDate: '2013-05-01' });
  ids = {
    centre: (await make.organisationNamed('protectionCentre')).id,
    shashi: (await make.organisationNamed('shashiCivilAffairs')).id,
    socialWork: (await make.organisationNamed('socialWorkA')).id,
  };
  // The city's protection centre leads the case (as the case-network routes test sets it up).
  caseId = (await make.openCase(await make.as('officer.shashi'), { childId: child.id })).id;
  const db = server.database.db;
  await db.updateTable('cases').set({ lead_org_id: ids.centre }).where('id', '=', caseId).execute();
  await db
    .insertInto('case_organisations')
    .values({ case_id: caseId, organisation_id: ids.centre, role: 'lead', added_at: new Date() })
    .execute();
  await db
    .insertInto('child_participations')
    .values({
      child_id: child.id,
      organisation_id: ids.centre,
      basis: 'case',
      basis_id: caseId,
      started_at: new Date(),
    })
    .execute();
  centre = await make.signInAs(server.url, 'staff.centre');
  shashi = await make.signInAs(server.url, 'officer.shashi');
  worker = await make.signInAs(server.url, 'socialworker');
}, 180_000);
afterAll(async () => server?.close());

describe('a former lead kept on the case only by a referral it sent', () => {
  it('reads the file while the referral is open, and leaves the case (timeline entry) when it ends', async () => {
    // The centre plans counselling by a social work organisation and refers it: an open referral it sent.
    const planned = await centre.request('POST', `/api/cases/${caseId}/services`, {
      service: 'psychological_counselling',
      providerOrganisationId: ids.socialWork,
      responseDays: 10,
    });
    expect(planned.status).toBe(201);
    const service = (await json<{ services: { id: string }[] }>(planned)).services[0]!;
    const referred = await centre.request('POST', `/api/case-services/${service.id}/actions`, {
      type: 'refer',
      expectedSeq: 1,
      shares: ['identity'],
      reason: '需要心理疏导',
      consent: { guardian: 'given', child: 'given' },
    });
    expect(referred.status).toBe(200);
    const referralId = (await json<{ plan: { services: { referralId: string }[] } }>(referred)).plan.services[0]!
      .referralId;
    const asked = await centre.request('POST', `/api/cases/${caseId}/lead-transfers`, {
      toOrganisationId: ids.shashi,
      reason: '家庭已搬迁，由区民政局牵头',
    });
    const transferId = (await json<{ transfers: { id: string }[] }>(asked)).transfers[0]!.id;
    expect(
      (
        await shashi.request('POST', `/api/case-lead-transfers/${transferId}/actions`, {
          type: 'accept',
          expectedSeq: 1,
        })
      ).status,
    ).toBe(200);
    // Its referral is still open: it still reads the child's file and the case.
    expect((await centre.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    expect((await centre.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    const act = (type: string, expectedSeq: number, extra: Record<string, string> = {}) =>
      worker.request('POST', `/api/referrals/${referralId}/actions`, { type, expectedSeq, ...extra });
    expect((await act('accept', 1)).status).toBe(200);
    expect((await centre.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    expect((await act('complete', 2, { outcome: '完成 6 次心理疏导' })).status).toBe(200);
    // Its last piece of work on the case ended: the case and the child's file are closed to it.
    expect((await centre.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    expect((await centre.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await shashi.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    const timeline = await json<{ items: { kind: string; entityId: string | null }[] }>(
      await shashi.request('GET', `/api/children/${child.id}/timeline?pageSize=100`),
    );
    expect(timeline.items.filter((e) => e.kind === 'case_lead_transfer.former_lead_released')).toEqual([
      expect.objectContaining({ entityId: transferId }),
    ]);
    const participation = await server.database.db
      .selectFrom('child_participations')
      .select(['ended_at'])
      .where('organisation_id', '=', ids.centre)
      .where('basis', '=', 'case')
      .where('basis_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(participation.ended_at).not.toBeNull();
  });
});
