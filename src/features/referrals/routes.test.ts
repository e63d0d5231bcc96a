import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let worker: ApiSession;
let charity: ApiSession;
let gongan: ApiSession;
let child: TestChild;
let socialWorkId: string;
let charityId: string;

interface Referral {
  id: string;
  status: string;
  seq: number;
  shares: string[];
  allowedActions: string[];
  clocks: { rule: string; state: string }[];
  warnings?: { code: string; message: string }[];
}
interface FileView {
  name: string;
  family: unknown[];
  riskGrade: string | null;
  categories: unknown[];
  health: { seriousIllness: string | null };
}

const consent = { guardian: 'given', child: 'given' };
const refer = (session: ApiSession, body: Record<string, unknown>, key?: string) =>
  session.request(
    'POST',
    '/api/referrals',
    {
      childId: child.id,
      toOrganisationId: socialWorkId,
      service: 'psychological_counselling',
      shares: ['identity', 'assessment'],
      reason: '孩子近期情绪低落，需要心理疏导',
      consent,
      ...body,
    },
    key ? { 'idempotency-key': key } : undefined,
  );
const act = (session: ApiSession, id: string, body: Record<string, unknown>) =>
  session.request('POST', `/api/referrals/${id}/actions`, body);
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({
    name: '刘小禾',
    residenceCode: places.chenlong,
    birthDate: '2015-05-01',
    seriousIllness: '哮喘',
  });
  await make.familyMember(child, { relation: 'mother', name: '刘母', isGuardian: true });
  socialWorkId = (await make.organisationNamed('socialWorkA')).id;
  charityId = (await make.organisationNamed('charity')).id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  worker = await make.signInAs(server.url, 'socialworker');
  charity = await make.signInAs(server.url, 'charity');
  gongan = await make.signInAs(server.url, 'officer.gongan');
}, 180_000);
afterAll(async () => server?.close());

describe('a referral from the file to a social work organisation, need-to-know', () => {
  let id: string;

  it('is made with an idempotency key (a retry replays it) and starts the response clock', async () => {
    const made = await refer(officer, {}, 'refer-0001-liu');
    expect(made.status).toBe(201);
    const referral = await json<Referral>(made);
    id = referral.id;
    expect(referral).toMatchObject({ status: 'requested', seq: 1, shares: ['identity', 'assessment'], warnings: [] });
    expect(referral.allowedActions).toEqual(['withdraw']);
    expect(referral.clocks).toEqual([expect.objectContaining({ rule: 'referral.response', state: 'running' })]);
    const again = await refer(officer, {}, 'refer-0001-liu');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Referral>(again)).id).toBe(id);
    const count = await server.database.db
      .selectFrom('referrals')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('before accepting, the receiver sees the referral in its list and inbox but not the child’s file', async () => {
    const list = await json<{ items: { id: string; allowedActions: string[]; incoming: boolean }[] }>(
      await worker.request('GET', '/api/referrals?direction=incoming'),
    );
    expect(list.items).toEqual([
      expect.objectContaining({ id, incoming: true, allowedActions: ['accept', 'decline'] }),
    ]);
    const work = await json<{ referrals: { referralId: string; status: string }[] }>(
      await worker.request('GET', '/api/my-work'),
    );
    expect(work.referrals).toEqual([expect.objectContaining({ referralId: id, status: 'requested' })]);
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    // Another society organisation learns nothing of it.
    expect((await charity.request('GET', `/api/referrals/${id}`)).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await charity.request('GET', '/api/referrals'))).items).toEqual([]);
  });

  it('the sender cannot accept, the receiver cannot withdraw (403)', async () => {
    const byOfficer = await act(officer, id, { type: 'accept', expectedSeq: 1 });
    expect(byOfficer.status).toBe(403);
    expect((await errorOf(byOfficer)).code).toBe('referrals.not_receiver');
    const byWorker = await act(worker, id, { type: 'withdraw', expectedSeq: 1, reason: '不需要' });
    expect(byWorker.status).toBe(403);
    expect((await errorOf(byWorker)).code).toBe('referrals.not_sender');
  });

  it('accepted: the receiver sees identity and assessment, not the family; accepting twice is a 409 naming the status', async () => {
    const accepted = await act(worker, id, { type: 'accept', expectedSeq: 1 });
    expect(accepted.status).toBe(200);
    const view = await json<Referral>(accepted);
    expect(view.status).toBe('accepted');
    expect(view.allowedActions).toEqual(['start', 'complete']);
    expect(view.clocks).toEqual([
      expect.objectContaining({ rule: 'referral.response', state: 'met' }),
      expect.objectContaining({ rule: 'referral.completion', state: 'running' }),
    ]);
    const file = await worker.request('GET', `/api/children/${child.id}`);
    expect(file.status).toBe(200);
    const shown = await json<FileView>(file);
    expect(shown.name).toBe('刘小禾');
    expect(shown.health.seriousIllness).toBe('哮喘');
    expect(shown.family).toEqual([]);
    // The officer (by place) still reads the whole file.
    expect((await json<FileView>(await officer.request('GET', `/api/children/${child.id}`))).family).toHaveLength(1);

    const twice = await worker.request(
      'POST',
      `/api/referrals/${id}/actions`,
      { type: 'accept', expectedSeq: 2 },
      { 'accept-language': 'en' },
    );
    expect(twice.status).toBe(409);
    const error = await errorOf(twice);
    expect(error.code).toBe('referrals.action_not_allowed');
    expect(error.message).toContain('Accepted');
    const zh = await errorOf(await act(worker, id, { type: 'accept', expectedSeq: 2 }));
    expect(zh.message).toContain('已接收');
  });

  it('completed: the outcome is on the child’s timeline, the receiver no longer sees the child, the audit shows the span', async () => {
    expect((await act(worker, id, { type: 'start', expectedSeq: 2 })).status).toBe(200);
    const done = await act(worker, id, { type: 'complete', expectedSeq: 3, outcome: '完成 6 次心理疏导，情绪稳定' });
    expect(done.status).toBe(200);
    expect((await json<Referral>(done)).status).toBe('completed');
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select(['kind', 'after'])
      .where('child_id', '=', child.id)
      .where('entity_id', '=', id)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.kind)).toEqual([
      'referral.request',
      'referral.accept',
      'referral.start',
      'referral.complete',
    ]);
    expect(timeline.at(-1)?.after).toMatchObject({
      outcome: '完成 6 次心理疏导，情绪稳定',
      service: 'psychological_counselling',
    });
    const grant = await server.database.db
      .selectFrom('child_participations')
      .select(['fields', 'started_at', 'ended_at'])
      .where('basis', '=', 'referral')
      .where('basis_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(grant.fields).toEqual(['identity', 'assessment']);
    expect(grant.ended_at).not.toBeNull();
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('child_id', '=', child.id)
      .where('action', 'in', ['referral.accept', 'referral.complete', 'children.read'])
      .orderBy('id')
      .execute();
    const actions = audit.map((a) => a.action);
    expect(actions.indexOf('referral.accept')).toBeLessThan(actions.lastIndexOf('referral.complete'));
    // The receiver still reads its own referral (the record of its work), with nothing left to do.
    const after = await json<Referral>(await worker.request('GET', `/api/referrals/${id}`));
    expect(after.allowedActions).toEqual([]);
  });
});

describe('the other endings and bad input', () => {
  it('a declined referral leaves no access', async () => {
    const referral = await json<Referral>(await refer(officer, { shares: ['identity', 'family'] }));
    const declined = await act(worker, referral.id, { type: 'decline', expectedSeq: 1, reason: '本机构本月已满员' });
    expect((await json<Referral>(declined)).status).toBe('declined');
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    const grants = await server.database.db
      .selectFrom('child_participations')
      .select('id')
      .where('basis_id', '=', referral.id)
      .execute();
    expect(grants).toEqual([]);
    const noReason = await act(worker, referral.id, { type: 'decline', expectedSeq: 2, reason: '' });
    expect(noReason.status).toBe(400);
  });

  it('accepting after withdrawal is a 409 naming the withdrawn status; a withdrawn referral ends the access it gave', async () => {
    const referral = await json<Referral>(await refer(officer, {}));
    expect((await act(worker, referral.id, { type: 'accept', expectedSeq: 1 })).status).toBe(200);
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    const withdrawn = await act(officer, referral.id, { type: 'withdraw', expectedSeq: 2, reason: '家庭已迁出' });
    expect((await json<Referral>(withdrawn)).status).toBe('withdrawn');
    expect((await worker.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    const late = await worker.request(
      'POST',
      `/api/referrals/${referral.id}/actions`,
      { type: 'accept', expectedSeq: 3 },
      { 'accept-language': 'en' },
    );
    expect(late.status).toBe(409);
    expect((await errorOf(late)).message).toContain('Withdrawn');
  });

  it('a receiver whose kind the matrix does not give the service: allowed, with a warning', async () => {
    const made = await refer(officer, { toOrganisationId: charityId, service: 'legal_aid' });
    expect(made.status).toBe(201);
    const referral = await json<Referral>(made);
    expect(referral.warnings).toEqual([expect.objectContaining({ code: 'referrals.service_not_in_matrix' })]);
    expect(referral.warnings?.[0]?.message).toContain('法律援助');
  });

  it('an organisation working with the child on another basis is no party: an action is a 404, as the read is', async () => {
    const own = await json<Referral>(await refer(officer, { toOrganisationId: charityId, service: 'legal_aid' }));
    expect((await act(charity, own.id, { type: 'accept', expectedSeq: 1 })).status).toBe(200);
    // The charity now has the child in its scope (its own accepted referral)…
    expect((await charity.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    // …but someone else's referral about the same child stays closed to it, for reading and acting alike.
    const other = await json<Referral>(await refer(officer, {}));
    expect((await charity.request('GET', `/api/referrals/${other.id}`)).status).toBe(404);
    const acted = await act(charity, other.id, { type: 'accept', expectedSeq: 1 });
    expect(acted.status).toBe(404);
    expect((await errorOf(acted)).code).toBe('not_found');
    expect((await act(charity, own.id, { type: 'withdraw', expectedSeq: 2, reason: 'x' })).status).toBe(403);
    expect((await act(officer, own.id, { type: 'withdraw', expectedSeq: 2, reason: '家庭已迁出' })).status).toBe(200);
  });

  it('out of scope: another county’s officer can neither refer the child nor read a referral (404)', async () => {
    const elsewhere = await refer(gongan, {});
    expect(elsewhere.status).toBe(404);
    const mine = await json<Referral>(await refer(officer, {}));
    expect((await gongan.request('GET', `/api/referrals/${mine.id}`)).status).toBe(404);
    expect((await act(gongan, mine.id, { type: 'withdraw', expectedSeq: 1, reason: 'x' })).status).toBe(404);
    expect((await refer(officer, { toOrganisationId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  it('consent the rules require, or a reason why not; identity is always shared; a case of another child is refused', async () => {
    const noConsent = await refer(officer, { consent: { guardian: 'not_asked', child: 'given' } });
    expect(noConsent.status).toBe(400);
    expect((await errorOf(noConsent)).details[0]?.path).toBe('body.consent.guardian');
    const waived = await refer(officer, {
      consent: { guardian: 'refused', child: 'given', waiverReason: '监护人涉嫌侵害，依法不征求其同意' },
    });
    expect(waived.status).toBe(201);
    const noIdentity = await refer(officer, { shares: ['assessment'] });
    expect(noIdentity.status).toBe(400);
    const other = await make.child({ residenceCode: places.chenlong });
    const kase = await make.openCase(await make.as('officer.shashi'), { childId: other.id });
    const wrongCase = await refer(officer, { caseId: kase.id });
    expect(wrongCase.status).toBe(400);
    expect((await errorOf(wrongCase)).code).toBe('referrals.case_of_other_child');
  });
});
