import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, signInAs } from '../../../test/support/session.js';

let server: TestServer;
let city: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  city = await signInAs(server.url, 'officer.city');
}, 300_000);
afterAll(async () => server?.close());

interface Summary {
  id: string;
  title: string;
  indicators: { kind: string; actual: number }[];
}

describe('the demo purchased services', () => {
  it('has two projects whose outputs are counted from the work 童心社工 recorded', async () => {
    const list = (await (await city.request('GET', '/api/projects')).json()) as { projects: Summary[] };
    // The third is the charity's volunteer-service project: its hours come from an activity.
    expect(list.projects).toHaveLength(3);
    const volunteering = list.projects.find((p) => p.title.startsWith('儿童之家志愿服务项目'));
    expect(volunteering?.indicators.find((i) => i.kind === 'volunteer_hours')?.actual).toBe(3);
    const actual = (title: string, kind: string) =>
      list.projects.find((p) => p.title.startsWith(title))?.indicators.find((i) => i.kind === kind)?.actual ?? 0;
    expect(actual('沙市区', 'counselling_sessions')).toBeGreaterThanOrEqual(12);
    expect(actual('沙市区', 'referrals_completed')).toBeGreaterThanOrEqual(2);
    expect(actual('公安县', 'home_visits')).toBe(4);
    expect(actual('沙市区', 'home_visits')).toBe(0);
    const shashi = list.projects.find((p) => p.title.startsWith('沙市区'))!;
    const project = (await (await city.request('GET', `/api/projects/${shashi.id}`)).json()) as {
      evaluations: { reply: string | null }[];
      budget: { paidFen: number };
    };
    expect(project.evaluations[0]?.reply).toContain('入户随访');
    expect(project.budget.paidFen).toBe(14_400_000);
  });

  it('shows the city its coverage by county with the counties that have no social organisation', async () => {
    const coverage = (await (await city.request('GET', '/api/society/coverage')).json()) as {
      rows: { code: string; organisations: number }[];
      countiesWithNone: { code: string }[];
    };
    expect(coverage.rows.find((r) => r.code === '421022000000')?.organisations).toBeGreaterThanOrEqual(2);
    expect(coverage.countiesWithNone.length).toBeGreaterThan(0);
    const incubations = (await (await city.request('GET', '/api/society/incubations')).json()) as {
      incubations: { status: string }[];
      countiesIncubating: { code: string }[];
    };
    expect(incubations.incubations.map((i) => i.status).sort()).toEqual(['incubating', 'incubating', 'registered']);
    expect(incubations.countiesIncubating.map((c) => c.code)).toEqual(['421022000000', '421081000000']);
  });

  it("has a charity's donations, volunteers (one check expired) and a need handed over with a receipt", async () => {
    const charity = await signInAs(server.url, 'charity');
    const needs = (await (await charity.request('GET', '/api/needs')).json()) as {
      items: { status: string; childName: string | null; receipt: { number: string } | null }[];
    };
    expect(needs.items.filter((n) => n.status === 'handed_over' && n.receipt)).toHaveLength(1);
    expect(needs.items.every((n) => n.childName === null)).toBe(true);
    const donations = (await (await charity.request('GET', '/api/donations')).json()) as { items: unknown[] };
    expect(donations.items).toHaveLength(3);
    const volunteers = (await (await charity.request('GET', '/api/volunteers')).json()) as {
      items: { check: string }[];
    };
    expect(volunteers.items.map((v) => v.check).sort()).toEqual(['expired', 'valid', 'valid']);
    const activities = (await (await charity.request('GET', '/api/volunteer-activities')).json()) as {
      items: { matched: { name: string; hours: number | null }[]; candidates: { name: string; check: string }[] }[];
    };
    expect(activities.items.map((a) => a.matched.map((m) => `${m.name}:${m.hours ?? '-'}`))).toEqual([
      ['赵敏:-'],
      ['李静:3', '赵敏:-'],
    ]);
    expect(activities.items[0]?.candidates.find((c) => c.name === '王强')?.check).toBe('expired');
  });
});
