import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, signInAs } from '../../../test/support/session.js';

let server: TestServer;
let director: ApiSession;
let officer: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  [director, officer] = await Promise.all([
    signInAs(server.url, 'director.chenlong'),
    signInAs(server.url, 'officer.shashi'),
  ]);
}, 300_000);
afterAll(async () => server?.close());

interface Due {
  childName: string;
  overdue: boolean;
  basis: string;
}

describe('the demo grassroots team', () => {
  it('shows 李桂兰 her overdue left-behind child first, and the county officer the escalated ones', async () => {
    const mine = (await (await director.request('GET', '/api/visits/due?withinDays=31')).json()) as { items: Due[] };
    expect(mine.items[0]).toMatchObject({ childName: '李小雨', overdue: true, basis: 'assigned' });
    const county = (await (await officer.request('GET', '/api/visits/due?withinDays=0')).json()) as { items: Due[] };
    expect(county.items.map((i) => i.childName).sort()).toEqual(['张浩然', '李小雨']);
  });

  it('has a roster with coverage gaps and a caseload by county', async () => {
    const roster = (await (await officer.request('GET', '/api/roster')).json()) as { total: number };
    expect(roster.total).toBe(3);
    const coverage = (await (await officer.request('GET', '/api/roster/coverage')).json()) as {
      townshipsWithoutSupervisor: { code: string }[];
    };
    expect(coverage.townshipsWithoutSupervisor.some((t) => t.code === '421002001000')).toBe(true);
    const load = (await (await officer.request('GET', '/api/roster/caseload')).json()) as {
      directors: { name: string; visitsOverdue: number }[];
    };
    expect(load.directors.find((d) => d.name === '李桂兰')?.visitsOverdue).toBe(1);
  });
});
