import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, type ApiSession } from '../../../test/support/session.js';

// Issue 14: the received-reports list had no filters and one order; a director with a dozen
// reports must find the overdue one, the one in danger, the one a caller quotes by number.
let server: TestServer;
let make: Factories;
let director: ApiSession;
const ids: Record<'danger' | 'mandated' | 'quiet', { id: string; refNo: string }> = {} as never;

interface Listed {
  items: { id: string; refNo: string; overdue: boolean; myAcknowledgedAt: string | null }[];
  total: number;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.cast('police.shashi', 'officer.shashi', 'supervisor.cenhe', 'director.chenlong', 'director.nongli');
  const hotline = await make.signInAs(server.url, 'hotline.12338');
  const school = await make.signInAs(server.url, 'reporter.school');
  const submit = async (session: ApiSession, body: Record<string, unknown>) => {
    const response = await session.request('POST', '/api/reports', body);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    return (await response.json()) as { id: string; refNo: string };
  };
  const call = {
    channel: 'hotline',
    line: '12338',
    caller: { anonymous: true },
    situations: [6],
    divisionCode: places.chenlong,
  };
  ids.danger = await submit(hotline, {
    ...call,
    description: '两个孩子独自在家',
    unknownChild: '三组两名儿童',
    immediateDanger: true,
  });
  ids.mandated = await submit(school, {
    channel: 'mandated',
    knewAt: new Date().toISOString(),
    situations: [4],
    description: '学生身上多处淤青',
    unknownChild: '四年级学生',
    divisionCode: places.chenlong,
    immediateDanger: false,
  });
  ids.quiet = await submit(hotline, {
    ...call,
    description: '邻居家孩子常不上学',
    unknownChild: '五组一名儿童',
    immediateDanger: false,
  });
  director = await make.signInAs(server.url, 'director.chenlong');
  expect((await director.request('POST', `/api/reports/${ids.quiet.id}/acknowledge`, {})).status).toBe(200);
  // The school's report has waited past its deadline (set on its clock: no sweep needed to be late).
  await sql`UPDATE clocks SET due_at = now() - interval '1 hour'
    WHERE rule = 'report.acknowledge' AND subject_id IN (
      SELECT rr.id FROM report_recipients rr JOIN users u ON u.organisation_id = rr.organisation_id
      WHERE rr.report_id = ${ids.mandated.id} AND u.username = 'director.chenlong')`.execute(server.database.db);
}, 180_000);
afterAll(async () => server.close());

const list = async (session: ApiSession, query: string) => {
  const response = await session.request('GET', `/api/reports?view=inbox&${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Listed;
};
const idsOf = (listed: Listed) => listed.items.map((item) => item.id);

describe('the received-reports list filters and sorts', () => {
  it('by where each report stands for my organisation', async () => {
    expect(idsOf(await list(director, 'ack=acknowledged'))).toEqual([ids.quiet.id]);
    expect(idsOf(await list(director, 'ack=unacknowledged')).sort()).toEqual([ids.danger.id, ids.mandated.id].sort());
    const overdue = await list(director, 'ack=overdue');
    expect(idsOf(overdue)).toEqual([ids.mandated.id]);
    expect(overdue.items[0]?.overdue).toBe(true);
  });

  it('by channel, danger, number and the day reported', async () => {
    expect(idsOf(await list(director, 'channel=mandated'))).toEqual([ids.mandated.id]);
    expect(idsOf(await list(director, 'danger=true'))).toEqual([ids.danger.id]);
    expect(idsOf(await list(director, `q=${ids.quiet.refNo.toLowerCase()}`))).toEqual([ids.quiet.id]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    expect((await list(director, `from=${today}&to=${today}`)).total).toBe(3);
    expect((await list(director, `from=${tomorrow}`)).total).toBe(0);
  });

  it('overdue and unacknowledged first by default; newest or oldest when asked', async () => {
    const priority = idsOf(await list(director, ''));
    expect(priority[0]).toBe(ids.mandated.id);
    expect(priority.at(-1)).toBe(ids.quiet.id);
    expect(idsOf(await list(director, 'sort=newest'))).toEqual([ids.quiet.id, ids.mandated.id, ids.danger.id]);
    expect(idsOf(await list(director, 'sort=oldest'))).toEqual([ids.danger.id, ids.mandated.id, ids.quiet.id]);
  });

  it('refuses a filter it cannot read, saying which, and shows nothing of another village', async () => {
    const bad = await director.request('GET', '/api/reports?view=inbox&q=R%25&from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await errorOf(bad))).toMatch(/q|from/);
    const other = await make.signInAs(server.url, 'director.nongli');
    expect((await list(other, 'danger=true')).total).toBe(0);
  });
});
