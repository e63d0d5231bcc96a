import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

/* A prosecutor's recommendation to a school: the reply only from the school, accepted once, scoped reads. */

let server: TestServer;
let make: Factories;
let prosecutor: ApiSession;
let school: ApiSession;
let township: ApiSession;
let gongan: ApiSession;
let child: TestChild;
let schoolId: string;

interface Recommendation {
  id: string;
  status: string;
  seq: number;
  aboutChild: boolean;
  child: { id: string; name: string } | null;
  replyDueAt: string | null;
  reply: { text: string; documentReference: string | null } | null;
  litigation: { court: string } | null;
  allowedActions: string[];
  clocks: { rule: string; state: string }[];
}
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const act = (session: ApiSession, id: string, body: Record<string, unknown>) =>
  session.request('POST', `/api/recommendations/${id}/actions`, body);
const issue = (body: Record<string, unknown> = {}, key?: string) =>
  prosecutor.request(
    'POST',
    '/api/recommendations',
    {
      toOrganisationId: schoolId,
      reference: '荆检建〔2026〕1号',
      childId: child.id,
      facts: '该校未落实强制报告制度，学生遭受家庭暴力后未及时报告。',
      recommends: '建立强制报告台账，开展教职工培训，一个月内书面回复。',
      ...body,
    },
    key ? { 'idempotency-key': key } : undefined,
  );

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ name: '王小溪', residenceCode: places.chenlong });
  schoolId = (await make.organisationNamed('school')).id;
  prosecutor = await make.signInAs(server.url, 'prosecutor');
  school = await make.signInAs(server.url, 'reporter.school');
  township = await make.signInAs(server.url, 'supervisor.cenhe');
  gongan = await make.signInAs(server.url, 'officer.gongan');
}, 180_000);
afterAll(async () => server?.close());

describe('a recommendation to a school, replied and accepted', () => {
  let id: string;

  it('is issued once (a retried request replays it) with the reply clock running a calendar month', async () => {
    const made = await issue({}, 'recommend-0001');
    expect(made.status).toBe(201);
    const view = await json<Recommendation>(made);
    id = view.id;
    expect(view).toMatchObject({ status: 'issued', seq: 1, aboutChild: true, child: { name: '王小溪' } });
    expect(view.allowedActions).toEqual(['withdraw', 'note_litigation']);
    expect(view.clocks).toEqual([expect.objectContaining({ rule: 'recommendation.reply', state: 'running' })]);
    const due = new Date(view.replyDueAt!).getTime() - Date.now();
    expect(due).toBeGreaterThan(27 * 86_400_000);
    expect(due).toBeLessThan(32 * 86_400_000);
    const again = await issue({}, 'recommend-0001');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Recommendation>(again)).id).toBe(id);
  });

  it('the school sees it in its list and inbox without the child’s name; other units learn nothing', async () => {
    const seen = await json<Recommendation>(await school.request('GET', `/api/recommendations/${id}`));
    expect(seen).toMatchObject({ aboutChild: true, child: null, allowedActions: ['reply'] });
    const list = await json<{ items: { id: string; received: boolean }[] }>(
      await school.request('GET', '/api/recommendations?direction=received'),
    );
    expect(list.items).toEqual([expect.objectContaining({ id, received: true })]);
    const work = await json<{ recommendations: { recommendationId: string; waitingFor: string }[] }>(
      await school.request('GET', '/api/my-work'),
    );
    expect(work.recommendations).toEqual([expect.objectContaining({ recommendationId: id, waitingFor: 'reply' })]);
    // A county officer elsewhere: neither the recommendation nor its child is hers.
    expect((await gongan.request('GET', `/api/recommendations/${id}`)).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await gongan.request('GET', '/api/recommendations'))).items).toEqual([]);
  });

  it('a reply from any unit but the addressee is refused: 403 for those who see it, 404 for the rest', async () => {
    const byProsecutor = await act(prosecutor, id, { type: 'reply', expectedSeq: 1, text: '已整改' });
    expect(byProsecutor.status).toBe(403);
    // The township sees the recommendation (the child lives in its area) but it is not addressed to it.
    const byTownship = await act(township, id, { type: 'reply', expectedSeq: 1, text: '已整改' });
    expect(byTownship.status).toBe(403);
    expect((await errorOf(byTownship)).code).toBe('recommendations.not_addressee');
    expect((await act(gongan, id, { type: 'reply', expectedSeq: 1, text: '已整改' })).status).toBe(404);
    const early = await act(prosecutor, id, { type: 'accept', expectedSeq: 1 });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).message).toContain('待回复');
  });

  it('the school replies in writing; the prosecutor accepts once (a second accept is 409 naming the status)', async () => {
    const replied = await act(school, id, {
      type: 'reply',
      expectedSeq: 1,
      text: '已建立强制报告台账并完成全体教职工培训。',
      documentReference: '岑小〔2026〕5号',
    });
    expect(replied.status).toBe(200);
    const view = await json<Recommendation>(replied);
    expect(view).toMatchObject({
      status: 'replied',
      reply: { documentReference: '岑小〔2026〕5号' },
      clocks: [expect.objectContaining({ state: 'met' })],
    });
    const work = await json<{ recommendations: { recommendationId: string; waitingFor: string }[] }>(
      await prosecutor.request('GET', '/api/my-work'),
    );
    expect(work.recommendations).toEqual([expect.objectContaining({ recommendationId: id, waitingFor: 'review' })]);
    const accepted = await act(prosecutor, id, { type: 'accept', expectedSeq: 2 });
    expect((await json<Recommendation>(accepted)).status).toBe('closed');
    const twice = await act(prosecutor, id, { type: 'accept', expectedSeq: 3 });
    expect(twice.status).toBe(409);
    const error = await errorOf(twice);
    expect(error.code).toBe('recommendations.action_not_allowed');
    expect(error.message).toContain('已办结');
    const stale = await act(prosecutor, id, { type: 'accept', expectedSeq: 2 });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('recommendations.stale');
  });

  it('public-interest litigation is noted on it with the date and the court', async () => {
    const noted = await act(prosecutor, id, {
      type: 'note_litigation',
      expectedSeq: 3,
      filedOn: '2026-01-05',
      court: '荆州市中级人民法院',
    });
    expect((await json<Recommendation>(noted)).litigation).toMatchObject({ court: '荆州市中级人民法院' });
    const list = await json<{ items: { id: string; litigation: boolean; status: string }[] }>(
      await prosecutor.request('GET', '/api/recommendations?direction=issued'),
    );
    expect(list.items).toEqual([expect.objectContaining({ id, litigation: true, status: 'closed' })]);
  });
});

describe('bad input', () => {
  it('names what is wrong: an unknown addressee 404, an empty text 400, my own procuratorate 400', async () => {
    expect((await issue({ toOrganisationId: '00000000-0000-4000-8000-000000000001' })).status).toBe(404);
    const empty = await issue({ recommends: '   ' });
    expect(empty.status).toBe(400);
    const own = (await make.organisationNamed('procuratorate')).id;
    const self = await issue({ toOrganisationId: own });
    expect(self.status).toBe(400);
    expect((await errorOf(self)).code).toBe('recommendations.same_organisation');
    // Not a prosecutor: no issuing.
    expect(
      (await school.request('POST', '/api/recommendations', { toOrganisationId: own, facts: 'x', recommends: 'y' }))
        .status,
    ).toBe(403);
  });

  it('a recommendation about a child out of the prosecutor’s scope is 404', async () => {
    const far = await make.child({ residenceCode: places.nongli });
    const local = await make.signedIn(server.url, 'prosecutor', {
      organisation: await make.organisation({ kind: 'procuratorate', divisionCode: places.shashi }),
      jurisdictionCode: places.shashi,
    });
    const response = await local.request('POST', '/api/recommendations', {
      toOrganisationId: schoolId,
      childId: far.id,
      facts: '事实',
      recommends: '建议',
    });
    expect(response.status).toBe(404);
  });
});
