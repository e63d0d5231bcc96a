import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { signInAs } from '../../../test/support/session.js';
import type { ChildPlacement, Occupancy, TracingList } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
}, 600_000);
afterAll(async () => server?.close());

describe('the demo placements', () => {
  it('hold a traced child escorted home (identity confirmed) and an open tracing request with a photo', async () => {
    const officer = await signInAs(server.url, 'officer.city');
    const register = (await (await officer.request('GET', '/api/tracing?status=all')).json()) as TracingList;
    expect(register.requests.map((r) => [r.status, r.outcome, r.identified]).sort()).toEqual([
      ['closed', 'escorted_home', true],
      ['matched', null, false],
      ['open', null, false],
    ]);
    const home = register.requests.find((r) => r.status === 'closed')!;
    const file = (await (
      await officer.request('GET', `/api/children/${home.childId}/placement`)
    ).json()) as ChildPlacement;
    expect(file.current).toMatchObject({ kind: 'home' });
    expect(file.history[0]).toMatchObject({ kind: 'rescue_station', endReason: 'escorted_home' });
    // The open request has the photo taken when she was found, its GPS position removed.
    const open = register.requests.find((r) => r.status === 'open')!;
    const photos = (await (
      await officer.request(
        'GET',
        `/api/children/${open.childId}/documents?subjectType=tracing_request&subjectId=${open.id}`,
      )
    ).json()) as { items: { type: string; location: string }[] };
    expect(photos.items).toEqual([expect.objectContaining({ type: 'photo', location: 'removed' })]);
  });

  it('hold episodes in every state, made by the real actions', async () => {
    const rows = await server.database.db
      .selectFrom('placements as p')
      .innerJoin('placement_actions as a', (join) =>
        join.onRef('a.placement_id', '=', 'p.id').onRef('a.seq', '=', 'p.seq'),
      )
      .select(['p.kind', 'a.status_after', 'p.end_reason'])
      .execute();
    const seen = new Set(rows.map((r) => `${r.kind}:${r.status_after}`));
    for (const state of [
      'rescue_station:current',
      'rescue_station:extension_requested',
      'rescue_station:ended',
      'welfare_home:current',
      'protection_centre:ended',
      'home:current',
      'entrusted_care:current',
    ])
      expect(seen).toContain(state);
    const clocks = await server.database.db
      .selectFrom('clocks')
      .select(['rule', 'state'])
      .where('subject_type', '=', 'placement')
      .execute();
    expect(clocks).toContainEqual({ rule: 'placement.follow_up', state: 'met' });
    expect(clocks).toContainEqual({ rule: 'placement.follow_up', state: 'running' });
  });

  it("show the city officer the station's beds, occupancy and the child waiting past the stay limit", async () => {
    const officer = await signInAs(server.url, 'officer.city');
    const occupancy = (await (await officer.request('GET', '/api/placements/occupancy')).json()) as Occupancy;
    const station = occupancy.institutions.find((i) => i.organisation.name === '荆州市救助管理站')!;
    expect(station).toMatchObject({ beds: 60, occupancy: 6, waiting: 1, extensionsRequested: 1 });
  });
});
