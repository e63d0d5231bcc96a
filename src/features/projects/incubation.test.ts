import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let gongan: ApiSession;
let city: ApiSession;
let charity: ApiSession;
let director: ApiSession;

interface Incubation {
  id: string;
  seq: number;
  status: string;
  milestones: { title: string }[];
  support: { kind: string; amountFen: number | null }[];
  seedFundingFen: number;
  outcome: { registrationNumber: string | null } | null;
  log: { type: string }[];
  allowedActions: string[];
}
interface Coverage {
  rows: { code: string; incubating: number; organisations: number }[];
  countiesWithNone: { code: string }[];
  countiesIncubating: { code: string; incubating: number }[];
}

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const start = (overrides: Record<string, unknown> = {}) => ({
  name: '岑河镇留守儿童关爱互助会',
  incubator: '沙市区社会组织孵化基地',
  divisionCode: places.cenhe,
  startsOn: `${year - 1}-09-01`,
  plannedEndOn: `${year + 1}-08-31`,
  services: ['psychological_counselling'],
  ...overrides,
});

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  city = await make.signInAs(server.url, 'officer.city');
  charity = await make.signInAs(server.url, 'charity');
  director = await make.signInAs(server.url, 'director.chenlong');
}, 300_000);
afterAll(async () => server?.close());

describe('incubation records of children’s social organisations (§4.3.1)', () => {
  let id: string;

  it('the county officer starts one (idempotent), records milestones and support, then its registration', async () => {
    const key = { 'idempotency-key': 'incubation-start-0001' };
    const made = await officer.request('POST', '/api/society/incubations', start(), key);
    expect(made.status).toBe(201);
    const first = await json<Incubation>(made);
    id = first.id;
    expect(first).toMatchObject({ status: 'incubating', seq: 1 });
    const again = await officer.request('POST', '/api/society/incubations', start(), key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Incubation>(again)).id).toBe(id);

    const act = (body: Record<string, unknown>) =>
      officer.request('POST', `/api/society/incubations/${id}/actions`, body);
    expect(
      (await act({ type: 'record_milestone', expectedSeq: 1, title: '完成章程起草', reachedOn: `${year - 1}-10-10` }))
        .status,
    ).toBe(200);
    const funded = await act({
      type: 'record_support',
      expectedSeq: 2,
      kind: 'seed_funding',
      givenOn: `${year - 1}-11-01`,
      amountFen: 5_000_000,
    });
    expect(funded.status).toBe(200);
    const view = await json<Incubation>(funded);
    expect(view.seedFundingFen).toBe(5_000_000);
    expect(view.milestones.map((m) => m.title)).toEqual(['完成章程起草']);

    // A stale step is refused and nothing is recorded.
    const stale = await act({ type: 'record_support', expectedSeq: 2, kind: 'training', givenOn: today });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('incubation.stale');

    // Bad input names the field: seed funding needs its amount, a date before the start or in the future.
    const noAmount = await act({ type: 'record_support', expectedSeq: 3, kind: 'seed_funding', givenOn: today });
    expect(noAmount.status).toBe(400);
    expect((await errorOf(noAmount)).details[0]?.path).toBe('body.amountFen');
    const early = await act({ type: 'record_milestone', expectedSeq: 3, title: 'x', reachedOn: `${year - 2}-01-01` });
    expect((await errorOf(early)).code).toBe('projects.incubation_before_start');

    const coverage = await json<Coverage>(await city.request('GET', '/api/society/coverage'));
    expect(coverage.countiesIncubating).toEqual([expect.objectContaining({ code: places.shashi, incubating: 1 })]);
    expect(coverage.rows.find((r) => r.code === places.shashi)?.incubating).toBe(1);

    const registered = await act({
      type: 'register',
      expectedSeq: 3,
      registeredOn: today,
      registrationNumber: '52421002MJ0000001X',
    });
    expect(registered.status).toBe(200);
    const closed = await json<Incubation>(registered);
    expect(closed).toMatchObject({ status: 'registered', allowedActions: [] });
    expect(closed.outcome?.registrationNumber).toBe('52421002MJ0000001X');
    expect(closed.log.map((e) => e.type)).toEqual(['start', 'record_milestone', 'record_support', 'register']);
    const after = await act({ type: 'end', expectedSeq: 4, endedOn: today, reason: '再次终止' });
    expect(after.status).toBe(409);
    expect((await errorOf(after)).code).toBe('incubation.action_not_allowed');
  });

  it('is read by the city and the county, not by another county, a charity or a village director', async () => {
    const cityList = await json<{ incubations: { id: string }[] }>(
      await city.request('GET', '/api/society/incubations'),
    );
    expect(cityList.incubations.map((i) => i.id)).toContain(id);
    const other = await gongan.request('GET', `/api/society/incubations/${id}`);
    expect(other.status).toBe(404);
    const otherList = await json<{ incubations: unknown[] }>(await gongan.request('GET', '/api/society/incubations'));
    expect(otherList.incubations).toHaveLength(0);
    const otherAct = await gongan.request('POST', `/api/society/incubations/${id}/actions`, {
      type: 'end',
      expectedSeq: 4,
      endedOn: today,
      reason: '不属本县',
    });
    expect(otherAct.status).toBe(404);
    expect((await charity.request('GET', `/api/society/incubations/${id}`)).status).toBe(404);
    const charityList = await json<{ incubations: unknown[] }>(
      await charity.request('GET', '/api/society/incubations'),
    );
    expect(charityList.incubations).toHaveLength(0);
    expect((await director.request('POST', '/api/society/incubations', start())).status).toBe(403);
  });

  it('refuses a start outside the jurisdiction or with the period reversed, in the caller’s words', async () => {
    const outside = await officer.request('POST', '/api/society/incubations', start({ divisionCode: places.nongli }));
    expect(outside.status).toBe(400);
    expect((await errorOf(outside)).details[0]).toMatchObject({ path: 'body.divisionCode' });
    const reversed = await officer.request(
      'POST',
      '/api/society/incubations',
      start({ plannedEndOn: `${year - 2}-01-01` }),
      { 'accept-language': 'en' },
    );
    expect(reversed.status).toBe(400);
    expect((await errorOf(reversed)).message).toContain('before it starts');
  });

  it('an ended incubation keeps its reason and leaves the counties under way', async () => {
    const made = await json<Incubation>(
      await gongan.request(
        'POST',
        '/api/society/incubations',
        start({ divisionCode: places.buhe, name: '埠河志愿队' }),
      ),
    );
    const ended = await gongan.request('POST', `/api/society/incubations/${made.id}/actions`, {
      type: 'end',
      expectedSeq: 1,
      endedOn: today,
      reason: '发起人外出务工，团队解散',
    });
    expect(ended.status).toBe(200);
    expect(await json<Incubation>(ended)).toMatchObject({
      status: 'ended',
      outcome: { reason: '发起人外出务工，团队解散' },
    });
    const coverage = await json<Coverage>(await city.request('GET', '/api/society/coverage'));
    expect(coverage.countiesIncubating).toEqual([]);
  });
});
