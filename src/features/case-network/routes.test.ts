import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let centre: ApiSession;
let shashi: ApiSession;
let gongan: ApiSession;
let worker: ApiSession;
let child: TestChild;
let caseId: string;
let ids: { centre: string; shashi: string; socialWork: string; school: string };

interface Service {
  id: string;
  seq: number;
  service: string;
  status: string;
  route: string;
  referralId: string | null;
  settledOn: string | null;
  overdue: boolean;
  allowedActions: string[];
}
interface Transfer {
  id: string;
  seq: number;
  status: string;
  allowedActions: string[];
  to: { id: string };
}
interface Plan {
  leadOrganisationId: string;
  services: Service[];
  review: { planned: number; delivered: number; notDelivered: number; open: number; overdue: number };
  transfers: Transfer[];
  canPlan: boolean;
  canTransfer: boolean;
}

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const plan = (session: ApiSession) => session.request('GET', `/api/cases/${caseId}/services`);
const planService = (session: ApiSession, body: Record<string, unknown>, key?: string) =>
  session.request('POST', `/api/cases/${caseId}/services`, body, key ? { 'idempotency-key': key } : undefined);
const actOnService = (session: ApiSession, id: string, body: Record<string, unknown>) =>
  session.request('POST', `/api/case-services/${id}/actions`, body);
const transfer = (session: ApiSession, toOrganisationId: string) =>
  session.request('POST', `/api/cases/${caseId}/lead-transfers`, {
    toOrganisationId,
    reason: '家庭已搬迁，由区民政局牵头',
  });
const actOnTransfer = (session: ApiSession, id: string, body: Record<string, unknown>) =>
  session.request('POST', `/api/case-lead-transfers/${id}/actions`, body);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '周小溪', residenceCode: places.chenlong, birthDate: '2014-02-01' });
  ids = {
    centre: (await make.organisationNamed('protectionCentre')).id,
    shashi: (await make.organisationNamed('shashiCivilAffairs')).id,
    socialWork: (await make.organisationNamed('socialWorkA')).id,
    school: (await make.organisationNamed('school')).id,
  };
  // The district officer opens the case with the city's protection centre leading it.
  const opened = await make.openCase(await make.as('officer.shashi'), { childId: child.id });
  caseId = opened.id;
  await server.database.db.updateTable('cases').set({ lead_org_id: ids.centre }).where('id', '=', caseId).execute();
  await server.database.db
    .insertInto('case_organisations')
    .values({ case_id: caseId, organisation_id: ids.centre, role: 'lead', added_at: new Date() })
    .execute();
  await server.database.db
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
  gongan = await make.signInAs(server.url, 'officer.gongan');
  worker = await make.signInAs(server.url, 'socialworker');
}, 180_000);
afterAll(async () => server?.close());

describe('services in the case plan, delivered', () => {
  let counselling: Service;
  let care: Service;

  it('the lead plans a service (due date from the response time); a retried POST is not duplicated', async () => {
    const body = { service: 'psychological_counselling', providerOrganisationId: ids.socialWork, responseDays: 3 };
    const made = await planService(centre, body, 'plan-counselling-01');
    expect(made.status).toBe(201);
    const again = await planService(centre, body, 'plan-counselling-01');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const view = await json<Plan>(again);
    expect(view.services).toHaveLength(1);
    counselling = view.services[0]!;
    expect(counselling).toMatchObject({ status: 'planned', route: 'referral', seq: 1 });
    expect(counselling.allowedActions).toEqual(['refer', 'deliver', 'not_deliver']);
    const own = await json<Plan>(
      await planService(centre, { service: 'temporary_care', providerOrganisationId: ids.centre, responseDays: 5 }),
    );
    care = own.services[1]!;
    expect(care).toMatchObject({ status: 'planned', route: 'lead' });
    expect(care.allowedActions).toEqual(['deliver', 'not_deliver']);
  });

  it('only the lead plans; bad input says where', async () => {
    const refused = await planService(shashi, {
      service: 'legal_aid',
      providerOrganisationId: ids.shashi,
      responseDays: 3,
    });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('caseNetwork.not_lead');
    const bad = await planService(centre, {
      service: 'astrology',
      providerOrganisationId: ids.socialWork,
      responseDays: 3,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await errorOf(bad))).toContain('service');
    // Out of scope: the county across the river does not see the case at all.
    expect((await plan(gongan)).status).toBe(404);
  });

  it('a stale edit is refused (expectedSeq), nothing applied', async () => {
    const stale = await actOnService(centre, care.id, { type: 'deliver', expectedSeq: 7, deliveredOn: today() });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('caseServices.stale');
    const future = await actOnService(centre, care.id, { type: 'deliver', expectedSeq: 1, deliveredOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await json<Plan>(await plan(centre))).services[1]!.status).toBe('planned');
  });

  it('a service referred to the provider shows delivered when the referral completes', async () => {
    const referred = await actOnService(centre, counselling.id, {
      type: 'refer',
      expectedSeq: 1,
      shares: ['identity', 'assessment'],
      reason: '情绪低落，需要心理疏导',
      consent: { guardian: 'given', child: 'given' },
    });
    expect(referred.status).toBe(200);
    const service = (await json<{ plan: Plan }>(referred)).plan.services[0]!;
    expect(service).toMatchObject({ status: 'referred', referralStatus: 'requested' });
    const referralId = service.referralId!;
    // The provider's worker cannot record the service before it has accepted: it does not see the child.
    expect(
      (await actOnService(worker, counselling.id, { type: 'deliver', expectedSeq: 2, deliveredOn: today() })).status,
    ).toBe(404);
    expect(
      (await worker.request('POST', `/api/referrals/${referralId}/actions`, { type: 'accept', expectedSeq: 1 })).status,
    ).toBe(200);
    expect(
      (
        await worker.request('POST', `/api/referrals/${referralId}/actions`, {
          type: 'complete',
          expectedSeq: 2,
          outcome: '完成 6 次心理疏导',
        })
      ).status,
    ).toBe(200);
    const view = await json<Plan>(await plan(centre));
    expect(view.services[0]).toMatchObject({ status: 'delivered', referralStatus: 'completed', settledOn: today() });
    expect(view.services[0]!.allowedActions).toEqual([]);
    expect(view.review).toEqual({ planned: 2, delivered: 1, notDelivered: 0, open: 1, overdue: 0 });
  });

  it('an overdue service is in the responsible organisation’s inbox, overdue first', async () => {
    await server.database.db
      .updateTable('case_services')
      .set({ due_on: sql`due_on - 30` })
      .where('id', '=', care.id)
      .execute();
    const work = await json<{ caseServices: { serviceId: string; overdue: boolean }[] }>(
      await centre.request('GET', '/api/my-work'),
    );
    expect(work.caseServices).toEqual([expect.objectContaining({ serviceId: care.id, overdue: true })]);
    // A delivered one is not there; nor is the inbox of an organisation that neither leads nor provides.
    const other = await json<{ caseServices: unknown[] }>(await gongan.request('GET', '/api/my-work'));
    expect(other.caseServices).toEqual([]);
    expect((await json<Plan>(await plan(centre))).review.overdue).toBe(1);
  });
});

describe('the transfer of the case’s lead', () => {
  let transferId: string;

  it('to an organisation outside the rules is refused with the reason', async () => {
    for (const [to, kind] of [
      [ids.socialWork, '社会工作服务机构'],
      [ids.school, '学校'],
    ] as const) {
      const refused = await transfer(centre, to);
      expect(refused.status).toBe(400);
      const error = await errorOf(refused);
      expect(error.code).toBe('caseNetwork.may_not_lead');
      expect(error.message).toContain(kind);
      expect(error.message).toContain('民政局');
    }
  });

  it('is requested by the lead only, one at a time; the receiver sees it waiting', async () => {
    expect((await transfer(shashi, ids.shashi)).status).toBe(403);
    const made = await transfer(centre, ids.shashi);
    expect(made.status).toBe(201);
    const view = await json<Plan>(made);
    transferId = view.transfers[0]!.id;
    expect(view.transfers[0]).toMatchObject({ status: 'requested', allowedActions: ['withdraw'] });
    expect(view.canTransfer).toBe(false);
    expect((await transfer(centre, ids.shashi)).status).toBe(409);
    const incoming = await json<{ items: Transfer[] }>(
      await shashi.request('GET', '/api/case-lead-transfers/incoming'),
    );
    expect(incoming.items).toEqual([expect.objectContaining({ id: transferId, allowedActions: ['accept', 'reject'] })]);
    const work = await json<{ leadTransfers: { transferId: string }[] }>(await shashi.request('GET', '/api/my-work'));
    expect(work.leadTransfers).toEqual([expect.objectContaining({ transferId })]);
  });

  it('only the receiver accepts: the sender gets 403, an organisation not party to it 404', async () => {
    const bySender = await actOnTransfer(centre, transferId, { type: 'accept', expectedSeq: 1 });
    expect(bySender.status).toBe(403);
    expect((await errorOf(bySender)).code).toBe('caseNetwork.not_receiver');
    expect((await actOnTransfer(gongan, transferId, { type: 'accept', expectedSeq: 1 })).status).toBe(404);
  });

  it('who may act is who may read: a reader of the case who is no party gets 403, a non-reader 404 to both', async () => {
    // The city's civil affairs sees the child by place: it reads the transfer in the plan, but is no party.
    const city = await make.signInAs(server.url, 'officer.city');
    const read = await json<Plan>(await plan(city));
    expect(read.transfers).toEqual([expect.objectContaining({ id: transferId, allowedActions: [] })]);
    const byReader = await actOnTransfer(city, transferId, { type: 'reject', expectedSeq: 1, reason: '不同意' });
    expect(byReader.status).toBe(403);
    expect((await errorOf(byReader)).code).toBe('caseNetwork.not_receiver');
    // 公安县 neither sees the child nor is a party: the case, the transfer and an action are all 404.
    expect((await plan(gongan)).status).toBe(404);
    const listed = await json<{ items: { id: string }[] }>(
      await gongan.request('GET', '/api/case-lead-transfers/incoming'),
    );
    expect(listed.items.map((t) => t.id)).not.toContain(transferId);
    expect((await actOnTransfer(gongan, transferId, { type: 'withdraw', expectedSeq: 1, reason: 'x' })).status).toBe(
      404,
    );
  });

  it('accepted, the lead moves; a second accept is a 409 naming the status', async () => {
    const accepted = await actOnTransfer(shashi, transferId, { type: 'accept', expectedSeq: 1 });
    expect(accepted.status).toBe(200);
    const again = await actOnTransfer(shashi, transferId, { type: 'accept', expectedSeq: 2 });
    expect(again.status).toBe(409);
    const error = await errorOf(again);
    expect(error.code).toBe('leadTransfers.action_not_allowed');
    expect(error.details).toMatchObject({ status: 'accepted' });
    expect(error.message).toContain('已接收');
    const view = await json<Plan>(await plan(shashi));
    expect(view.leadOrganisationId).toBe(ids.shashi);
    expect(view.canPlan).toBe(true);
    const read = await shashi.request('GET', `/api/cases/${caseId}`);
    const kase = await json<{ lead: { id: string }; actions: { type: string }[] }>(read);
    expect(read.status, JSON.stringify(kase)).toBe(200);
    expect(kase.lead.id).toBe(ids.shashi);
    expect(kase.actions.map((a) => a.type)).toContain('lead_transferred');
    // The case's open clocks follow the lead (its work list and escalations go to the new lead).
    const open = await server.database.db
      .selectFrom('clocks')
      .select(['owner_org_id'])
      .where('case_id', '=', caseId)
      .where('subject_type', '=', 'case')
      .where('state', 'in', ['running', 'paused'])
      .execute();
    expect(open.length).toBeGreaterThan(0);
    expect(new Set(open.map((c) => c.owner_org_id))).toEqual(new Set([ids.shashi]));
  });

  it('the former lead keeps read access only while it still provides a service, and can no longer lead', async () => {
    // It still provides temporary care: it reads the case, but plans and transfers nothing.
    expect((await plan(centre)).status).toBe(200);
    const planned = await planService(centre, {
      service: 'legal_aid',
      providerOrganisationId: ids.centre,
      responseDays: 1,
    });
    expect(planned.status).toBe(403);
    expect((await transfer(centre, ids.shashi)).status).toBe(403);
    const care = (await json<Plan>(await plan(centre))).services[1]!;
    expect(care.allowedActions).toEqual(['deliver', 'not_deliver']);
    const delivered = await actOnService(centre, care.id, {
      type: 'deliver',
      expectedSeq: care.seq,
      deliveredOn: today(),
    });
    expect(delivered.status).toBe(200);
    // Its last service delivered, it has left the case: the answer carries no plan for it.
    expect((await json<{ plan: Plan | null }>(delivered)).plan).toBeNull();
    // Neither the case nor the child's file is open to it any more.
    expect((await plan(centre)).status).toBe(404);
    expect((await centre.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await centre.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    const view = await json<Plan>(await plan(shashi));
    expect(view.services[1]).toMatchObject({ status: 'delivered', settledOn: today() });
    expect(view.review).toMatchObject({ planned: 2, delivered: 2, open: 0 });
  });

  it('a rejected transfer leaves the lead where it was and the receiver without access', async () => {
    const made = await transfer(shashi, ids.centre);
    expect(made.status).toBe(201);
    const id = (await json<Plan>(made)).transfers.find((t) => t.status === 'requested')!.id;
    const rejected = await actOnTransfer(centre, id, { type: 'reject', expectedSeq: 1, reason: '不在本中心职责范围' });
    expect(rejected.status).toBe(200);
    expect((await plan(centre)).status).toBe(404);
    expect((await json<Plan>(await plan(shashi))).leadOrganisationId).toBe(ids.shashi);
  });
});
