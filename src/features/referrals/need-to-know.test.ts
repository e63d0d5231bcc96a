import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';

/*
 * Issue 15, need-to-know beyond the file: a social work organisation that sees a child only through
 * a referral sees only the shared parts in the child's timeline, the registry list and the case —
 * and the lead (the child's county) still sees all of it.
 */

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let worker: ApiSession;
let child: TestChild;
let caseId: string;
let socialWorkId: string;
let summaryReferral: string;

interface Entry {
  kind: string;
}
interface ListItem {
  id: string;
  riskGrade: string | null;
}
interface CaseRead {
  child: { riskGrade: string | null };
  actions: { type: string; payload: Record<string, unknown> }[];
  allowedActions: string[];
}

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const timeline = async (session: ApiSession) => {
  const response = await session.request('GET', `/api/children/${child.id}/timeline?pageSize=100`);
  expect(response.status).toBe(200);
  const body = await response.text();
  return { body, kinds: (JSON.parse(body) as { items: Entry[] }).items.map((e) => e.kind) };
};
const listed = async (session: ApiSession, query = '') =>
  (await json<{ items: ListItem[] }>(await session.request('GET', `/api/children?pageSize=100${query}`))).items.find(
    (item) => item.id === child.id,
  );

async function referral(shares: string[]): Promise<string> {
  const made = await officer.request('POST', '/api/referrals', {
    childId: child.id,
    toOrganisationId: socialWorkId,
    service: 'psychological_counselling',
    shares,
    reason: '孩子近期情绪低落，需要心理疏导',
    consent: { guardian: 'given', child: 'given' },
  });
  expect(made.status, await made.clone().text()).toBe(201);
  const { id } = await json<{ id: string }>(made);
  const accepted = await worker.request('POST', `/api/referrals/${id}/actions`, { type: 'accept', expectedSeq: 1 });
  expect(accepted.status, await accepted.clone().text()).toBe(200);
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '钱小禾', residenceCode: places.chenlong, birthDate: '2014-02-01' });
  await make.familyMember(child, { relation: 'mother', name: '钱母亲', isGuardian: true });
  await server.database.db.updateTable('children').set({ risk_grade: 'high' }).where('id', '=', child.id).execute();
  socialWorkId = (await make.organisationNamed('socialWorkA')).id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  worker = await make.signInAs(server.url, 'socialworker');
  const opened = await officer.request('POST', '/api/cases', { childId: child.id });
  expect(opened.status, await opened.clone().text()).toBe(201);
  caseId = (await json<{ id: string }>(opened)).id;
}, 180_000);
afterAll(async () => server?.close());

describe('a referral sharing identity and family', () => {
  let id: string;

  it('the timeline shows identity, family and this referral — not the case', async () => {
    id = await referral(['identity', 'family']);
    const seen = await timeline(worker);
    expect(seen.kinds).toEqual(expect.arrayContaining(['family.added', 'referral.request', 'referral.accept']));
    expect(seen.kinds.filter((k) => k.startsWith('case.'))).toEqual([]);
    expect(seen.body).toContain('钱母亲');
    const full = await timeline(officer);
    expect(full.kinds).toEqual(expect.arrayContaining(['family.added', 'case.open', 'referral.accept']));
  });

  it('the registry list names the child without the risk grade; filtering by it does not find the child', async () => {
    expect(await listed(worker)).toMatchObject({ id: child.id, riskGrade: null });
    expect(await listed(worker, '&riskGrade=high')).toBeUndefined();
    expect(await listed(officer)).toMatchObject({ riskGrade: 'high' });
    expect(await listed(officer, '&riskGrade=high')).toBeDefined();
  });

  it('the case is not shared: 404 and not listed; the lead reads it', async () => {
    expect((await worker.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const list = await json<{ items: { id: string }[] }>(await worker.request('GET', '/api/cases?pageSize=100'));
    expect(list.items.map((c) => c.id)).not.toContain(caseId);
    expect((await officer.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
  });

  it('withdrawn, the next referral shares the case summary only', async () => {
    const withdrawn = await officer.request('POST', `/api/referrals/${id}/actions`, {
      type: 'withdraw',
      expectedSeq: 2,
      reason: '改为转介案件摘要',
    });
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);
    summaryReferral = await referral(['identity', 'case_summary']);
    const kase = await json<CaseRead>(await worker.request('GET', `/api/cases/${caseId}`));
    expect(kase.child.riskGrade).toBeNull();
    expect(kase.actions.map((a) => a.type)).toContain('open');
    expect(kase.actions.every((a) => Object.keys(a.payload).length === 0)).toBe(true);
    expect(kase.allowedActions).toEqual([]);
    const seen = await timeline(worker);
    expect(seen.kinds).toContain('case.open');
    expect(seen.kinds).not.toContain('family.added');
    expect(seen.body).not.toContain('钱母亲');
    // The earlier referral's entries went with its grant.
    expect(seen.kinds.filter((k) => k === 'referral.withdraw')).toEqual([]);
    const full = await json<CaseRead>(await officer.request('GET', `/api/cases/${caseId}`));
    expect(full.child.riskGrade).toBe('high');
    expect(full.allowedActions.length).toBeGreaterThan(0);
  });

  it('a receiver who reads the case summary takes no step in the case: 404, nothing written', async () => {
    const before = await json<CaseRead & { seq: number }>(await officer.request('GET', `/api/cases/${caseId}`));
    const step = await worker.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'acknowledge',
      expectedSeq: before.seq,
      note: '社工代为受理',
    });
    expect(step.status, await step.clone().text()).toBe(404);
    const after = await json<CaseRead & { seq: number }>(await officer.request('GET', `/api/cases/${caseId}`));
    expect(after.seq).toBe(before.seq);
  });
});

interface PlanRead {
  services: { service: string; provider: { id: string } }[];
  review: { planned: number };
  transfers: unknown[];
  canPlan: boolean;
  canTransfer: boolean;
  ownServicesOnly: boolean;
}

describe('the case plan (GET /api/cases/:id/services) read through a referral', () => {
  const secret = '班主任每日课后辅导（家中情况勿外传）';

  it('sharing the case summary: only the services the reader provides — no other service, no transfer, nothing to plan', async () => {
    const lead = (await make.organisationNamed('shashiCivilAffairs')).id;
    const gongan = (await make.organisationNamed('gonganCivilAffairs')).id;
    for (const [service, provider, note] of [
      ['psychological_counselling', socialWorkId, '每周一次心理疏导'],
      ['education_support', lead, secret],
    ] as const) {
      const planned = await officer.request('POST', `/api/cases/${caseId}/services`, {
        service,
        providerOrganisationId: provider,
        responseDays: 14,
        note,
      });
      expect(planned.status, await planned.clone().text()).toBe(201);
    }
    const asked = await officer.request('POST', `/api/cases/${caseId}/lead-transfers`, {
      toOrganisationId: gongan,
      reason: '儿童随母亲迁居公安县',
    });
    expect(asked.status, await asked.clone().text()).toBe(201);

    const response = await worker.request('GET', `/api/cases/${caseId}/services`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await response.text();
    const seen = JSON.parse(body) as PlanRead;
    expect(seen.services.map((s) => [s.service, s.provider.id])).toEqual([['psychological_counselling', socialWorkId]]);
    expect(seen.review.planned).toBe(1);
    expect(seen.transfers).toEqual([]);
    expect([seen.canPlan, seen.canTransfer, seen.ownServicesOnly]).toEqual([false, false, true]);
    expect(body).not.toContain(secret);
    expect(body).not.toContain('公安县');
    const inbox = await json<{ caseServices: { caseId: string }[] }>(await worker.request('GET', '/api/my-work'));
    expect(inbox.caseServices.map((item) => item.caseId)).toContain(caseId);

    const whole = await json<PlanRead>(await officer.request('GET', `/api/cases/${caseId}/services`));
    expect(whole.services.map((s) => s.service)).toEqual(['psychological_counselling', 'education_support']);
    expect(whole.transfers).toHaveLength(1);
    expect([whole.canPlan, whole.ownServicesOnly]).toEqual([true, false]);
  });

  it('without the case summary: 404, as for the case itself; the lead still reads the plan', async () => {
    const withdrawn = await officer.request('POST', `/api/referrals/${summaryReferral}/actions`, {
      type: 'withdraw',
      expectedSeq: 2,
      reason: '改为只转介评估',
    });
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);
    await referral(['identity', 'assessment']);
    expect((await worker.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const response = await worker.request('GET', `/api/cases/${caseId}/services`);
    expect(response.status, await response.clone().text()).toBe(404);
    expect(await response.text()).not.toContain('心理疏导');
    // Its own service no longer leads it to the case from its work list either.
    const inbox = await json<{ caseServices: { caseId: string }[] }>(await worker.request('GET', '/api/my-work'));
    expect(inbox.caseServices.map((item) => item.caseId)).not.toContain(caseId);
    expect((await officer.request('GET', `/api/cases/${caseId}/services`)).status).toBe(200);
  });
});
