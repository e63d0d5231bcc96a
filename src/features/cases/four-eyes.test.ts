import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, type ApiSession } from '../../../test/support/session.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';

/*
 * Issue 13: four eyes compare the person answerable for an action. An API token has no user of its
 * own, so before, an officer's token could approve the closure the officer had requested (and the
 * officer could approve what her token had requested).
 */

type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

let server: TestServer;
let officer: ApiSession;
let supervisor: ApiSession;
let officerToken: Call;
let caseId: string;

interface CaseView {
  id: string;
  status: string;
  seq: number;
  allowedActions: string[];
}

/** A token recorded directly, as one minted by `username` (what the token screens do). */
async function tokenOf(username: string): Promise<Call> {
  const user = await server.database.db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const secret = randomToken('hv_');
  await server.database.db
    .insertInto('api_tokens')
    .values({
      name: `${username}-token`,
      token_hash: tokenHash(secret),
      organisation_id: user.organisation_id,
      jurisdiction_code: '421000000000',
      scopes: ['cases.read', 'cases.act', 'cases.approve'],
      created_by: user.id,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  return (method, path, body) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

const read = async (call: Call, id: string) => (await (await call('GET', `/api/cases/${id}`)).json()) as CaseView;
const calm = {
  safety: 1,
  guardianship_capacity: 1,
  physical_health: 0,
  mental_health: 0,
  education: 0,
  living_conditions: 0,
};

beforeAll(async () => {
  // The officer and the supervisor, made by the factories (no demo).
  server = await startTestServer();
  const make = factories(server.database.db);
  const child = await server.database.db
    .insertInto('children')
    .values({
      name: '刘小军',
      sex: 'male',
      birth_date: '2015-09-01',
      residence_code: places.chenlong,
      hukou_code: places.chenlong,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  [officer, supervisor] = (await Promise.all(
    ['officer.shashi', 'supervisor.cenhe'].map((u) => make.signInAs(server.url, u)),
  )) as [ApiSession, ApiSession];
  officerToken = await tokenOf('officer.shashi');
  const opened = await officer.request('POST', '/api/cases', { childId: child.id });
  caseId = ((await opened.json()) as CaseView).id;
  let seq = 1;
  for (const step of [{ type: 'acknowledge' }, { type: 'assessment', scores: calm }]) {
    const response = await officer.request('POST', `/api/cases/${caseId}/actions`, { ...step, expectedSeq: seq });
    expect(response.status).toBe(200);
    seq = ((await response.json()) as CaseView).seq;
  }
}, 180_000);
afterAll(async () => server.close());

describe('four eyes on a closure look at the person, not the account', () => {
  it("the officer's own API token is not offered, and cannot approve, the closure the officer requested", async () => {
    const requested = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'request_closure',
      expectedSeq: 3,
      reason: '风险已解除',
      outcome: '家庭监护恢复',
    });
    const view = (await requested.json()) as CaseView;
    expect(view.status).toBe('closure_requested');
    expect((await read(officerToken, caseId)).allowedActions).toEqual(['reject_closure']);
    const byToken = await officerToken('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    expect(byToken.status).toBe(403);
    expect((await errorOf(byToken)).code).toBe('cases.own_closure');
    expect((await read(officerToken, caseId)).status).toBe('closure_requested');
    const bySupervisor = await supervisor.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    expect(((await bySupervisor.json()) as CaseView).status).toBe('closed');
  });

  it('what the token requested, the officer who owns it cannot approve', async () => {
    let view = await read(officer.request, caseId);
    const reopened = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'reopen',
      expectedSeq: view.seq,
      reason: '家长再次外出',
    });
    view = (await reopened.json()) as CaseView;
    const requested = await officerToken('POST', `/api/cases/${caseId}/actions`, {
      type: 'request_closure',
      expectedSeq: view.seq,
      reason: '已安排亲属照料',
      outcome: '亲属委托照护',
    });
    view = (await requested.json()) as CaseView;
    expect(view.status).toBe('closure_requested');
    expect((await read(officer.request, caseId)).allowedActions).toEqual(['reject_closure']);
    const own = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('cases.own_closure');
    expect((await read(supervisor.request, caseId)).allowedActions).toEqual(['approve_closure', 'reject_closure']);
  });
});
