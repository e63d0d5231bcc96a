import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { actOnPlacementIn, placeChildIn } from './service.js';
import type { ChildPlacement } from './model.js';
import { home, intoInstitution } from './test-bodies.test-helper.js';
import { placeSchema } from '../../contract/placements/actions.js';

/*
 * Races forced, not timed: the first change is held open inside its transaction (a promise it
 * awaits), the second is sent and we wait until PostgreSQL reports it waiting on a lock; only then
 * does the first commit. Whatever the second checked before, the database decides.
 */

let server: TestServer;
let make: ReturnType<typeof factories>;
let station: string;
let welfareHome: string;
let centre: string;
let police: Awaited<ReturnType<ReturnType<typeof factories>['person']>>;
let otherPolice: ApiSession;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  station = (await make.organisation({ kind: 'rescue_station', divisionCode: places.jingzhou })).id;
  welfareHome = (await make.organisation({ kind: 'child_welfare_home', divisionCode: places.jingzhou })).id;
  centre = (await make.organisation({ kind: 'minor_protection_centre', divisionCode: places.jingzhou })).id;
  police = await make.person('police_officer');
  otherPolice = await make.signedIn(server.url, 'police_officer');
}, 180_000);
afterAll(async () => server?.close());

/** Holds a unit of work open after `work` until released; resolves `inside` once the work is done. */
function held<T>(work: Parameters<typeof unitOfWork<T>>[3]) {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const done = (async () =>
    unitOfWork(server.database.db, await make.actor(police), 'placement.test', async (uow) => {
      const result = await work(uow);
      entered();
      await gate;
      return result;
    }))();
  return { inside, release, done };
}

/** Until another session of this database waits on a lock (the second request, blocked by the first). */
async function someoneWaitsOnALock(): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(server.database.db)
        ).rows[0]!.n,
      { timeout: 60_000, interval: 20 },
    )
    .toBeGreaterThan(0);
}

const rowsOf = async (childId: string) => ({
  placements: await server.database.db
    .selectFrom('placements')
    .select(['id', 'kind'])
    .where('child_id', '=', childId)
    .execute(),
  actions: await server.database.db
    .selectFrom('placement_actions')
    .innerJoin('placements', 'placements.id', 'placement_actions.placement_id')
    .select('placement_actions.type')
    .where('placements.child_id', '=', childId)
    .execute(),
  access: await server.database.db
    .selectFrom('child_participations')
    .select('organisation_id')
    .where('child_id', '=', childId)
    .where('basis', '=', 'placement')
    .execute(),
});

describe('one current placement per child, under concurrent writes', () => {
  it('two placements of one child at once: the second passed every check, the exclusion constraint refuses it', async () => {
    const child = await make.child();
    const first = held((uow) => placeChildIn(uow, child.id, placeSchema.parse(home()), new Date()));
    await first.inside;
    // Its own check sees no current placement (the first is not committed), so it reaches the insert.
    const second = otherPolice.request(
      'POST',
      `/api/children/${child.id}/placements`,
      intoInstitution('protection_centre', centre),
    );
    await someoneWaitsOnALock();
    first.release();
    await first.done;
    const refused = await second;
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('placements.overlap');
    // Nothing of the second is left: no row, no log entry, no access for the centre.
    expect(await rowsOf(child.id)).toEqual({
      placements: [expect.objectContaining({ kind: 'home' })],
      actions: [{ type: 'place' }],
      access: [],
    });
  });

  it('two transfers of one child at once: one moves him, the other is refused and leaves nothing', async () => {
    const child = await make.child();
    const placed = (await (
      await otherPolice.request(
        'POST',
        `/api/children/${child.id}/placements`,
        intoInstitution('rescue_station', station),
      )
    ).json()) as ChildPlacement;
    const episode = placed.current!;
    const first = held((uow) =>
      actOnPlacementIn(
        uow,
        episode.id,
        {
          type: 'transfer',
          expectedSeq: episode.seq,
          next: placeSchema.parse(intoInstitution('welfare_home', welfareHome)),
        },
        new Date(),
      ),
    );
    await first.inside;
    const second = otherPolice.request('POST', `/api/placements/${episode.id}/actions`, {
      type: 'transfer',
      expectedSeq: episode.seq,
      next: intoInstitution('protection_centre', centre),
    });
    await someoneWaitsOnALock();
    first.release();
    await first.done;
    const refused = await second;
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('placements.stale');
    const rows = await rowsOf(child.id);
    expect(rows.placements.map((p) => p.kind).sort()).toEqual(['rescue_station', 'welfare_home']);
    expect(rows.actions.map((a) => a.type).sort()).toEqual(['place', 'place', 'transfer']);
  });

  it('escort home and a transfer of one child at once: one wins, the other leaves nothing', async () => {
    const child = await make.child({ idNumber: null });
    const placed = (await (
      await otherPolice.request(
        'POST',
        `/api/children/${child.id}/placements`,
        intoInstitution('rescue_station', station),
      )
    ).json()) as ChildPlacement;
    const episode = placed.current!;
    const first = held((uow) =>
      actOnPlacementIn(
        uow,
        episode.id,
        {
          type: 'escort_home',
          expectedSeq: episode.seq,
          escorts: ['救助站 刘强'],
          family: { name: '王建国', relationship: '父亲', address: '常德市鼎城区' },
          guardian: 'parents',
          handover: { signedBy: '王建国', belongings: [], documents: [] },
        },
        new Date(),
      ),
    );
    await first.inside;
    const second = otherPolice.request('POST', `/api/placements/${episode.id}/actions`, {
      type: 'transfer',
      expectedSeq: episode.seq,
      next: intoInstitution('welfare_home', welfareHome),
    });
    await someoneWaitsOnALock();
    first.release();
    await first.done;
    const refused = await second;
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('placements.stale');
    const rows = await rowsOf(child.id);
    expect(rows.placements.map((p) => p.kind).sort()).toEqual(['home', 'rescue_station']);
    expect(rows.actions.map((a) => a.type).sort()).toEqual(['escort_home', 'place', 'place']);
    expect(rows.access).toEqual([{ organisation_id: station }]);
  });

  it('the database refuses overlapping episodes written around the application', async () => {
    const child = await make.child();
    const insert = (kind: string, from: string, to: string | null) =>
      sql`INSERT INTO placements (child_id, kind, legal_basis, guardianship_type, reason, handover, division_code, started_at, ended_at)
          VALUES (${child.id}, ${kind}, 'voluntary', 'parents', 'x', '{}', ${places.chenlong}, ${from}, ${to})`.execute(
        server.database.db,
      );
    await insert('home', '2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00');
    // Touching ends are not an overlap: the next episode starts at the hand-over.
    await insert('kinship_care', '2026-02-01T00:00:00+08:00', null);
    await expect(
      insert('foster_family', '2026-01-15T00:00:00+08:00', '2026-01-20T00:00:00+08:00'),
    ).rejects.toMatchObject({
      code: '23P01',
    });
    await expect(insert('foster_family', '2026-03-01T00:00:00+08:00', null)).rejects.toMatchObject({ code: '23P01' });
    await expect(
      insert('foster_family', '2026-03-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'),
    ).rejects.toMatchObject({
      code: '23514',
    });
  });
});
