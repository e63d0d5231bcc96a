import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import type { ActedOnPlacement, ChildPlacement, Occupancy, PlacementView, Receptions } from './model.js';
import { home, intoInstitution } from './test-bodies.test-helper.js';

let server: TestServer;
let make: ReturnType<typeof factories>;
const org = { station: '', home: '', centre: '', city: '', shashi: '' };
let police: ApiSession;
let stationStaff: ApiSession;
let homeStaff: ApiSession;
let cityOfficer: ApiSession;
let shashiOfficer: ApiSession;
let socialWorker: ApiSession;
let boy: string;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  const jingzhou = places.jingzhou;
  org.city = (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: jingzhou })).id;
  org.shashi = (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.shashi })).id;
  org.station = (
    await make.organisation({
      kind: 'rescue_station',
      divisionCode: jingzhou,
      name: '荆州市救助管理站',
      bedCapacity: 60,
    })
  ).id;
  org.home = (
    await make.organisation({
      kind: 'child_welfare_home',
      divisionCode: jingzhou,
      name: '荆州市儿童福利院',
      bedCapacity: 120,
    })
  ).id;
  org.centre = (
    await make.organisation({
      kind: 'minor_protection_centre',
      divisionCode: jingzhou,
      name: '保护中心',
      bedCapacity: 1,
    })
  ).id;
  police = await make.signedIn(server.url, 'police_officer');
  stationStaff = await make.signedIn(server.url, 'institution_staff', { organisation: { id: org.station } });
  homeStaff = await make.signedIn(server.url, 'institution_staff', { organisation: { id: org.home } });
  cityOfficer = await make.signedIn(server.url, 'civil_affairs_officer', {
    organisation: { id: org.city },
    jurisdictionCode: jingzhou,
  });
  shashiOfficer = await make.signedIn(server.url, 'civil_affairs_officer', { organisation: { id: org.shashi } });
  socialWorker = await make.signedIn(server.url, 'social_worker');
  boy = (await make.child({ idNumber: null, sex: 'male', birthDate: '2015-05-01', residenceCode: places.chenlong })).id;
}, 180_000);
afterAll(async () => server?.close());

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const placementOf = async (session: ApiSession, childId: string) =>
  json<ChildPlacement>(await session.request('GET', `/api/children/${childId}/placement`));
const act = (session: ApiSession, id: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  session.request('POST', `/api/placements/${id}/actions`, body, headers);

describe('a boy of unknown identity at the rescue station, then the welfare home', () => {
  let stationEpisode: PlacementView;

  it('police place him at the station: his file shows the station as carer and a 10-day stay clock', async () => {
    const placed = await json<ChildPlacement>(
      await police.request('POST', `/api/children/${boy}/placements`, intoInstitution('rescue_station', org.station), {
        'idempotency-key': 'place-boy-0001',
      }),
      201,
    );
    stationEpisode = placed.current!;
    expect(stationEpisode).toMatchObject({
      kind: 'rescue_station',
      status: 'current',
      organisation: { id: org.station, name: '荆州市救助管理站' },
      guardian: { type: 'state_temporary' },
      childKinds: ['unidentified'],
      handover: { belongings: ['书包一个', '旧手机一部'], documents: ['police_record'] },
    });
    const stay = stationEpisode.clocks.find((c) => c.rule === 'placement.rescue_station_stay')!;
    expect(stay.state).toBe('running');
    expect(Date.parse(stay.dueAt) - Date.parse(stay.startedAt)).toBe(10 * 86_400_000);
    // The same request again is the same placement, not a second one.
    const replay = await police.request(
      'POST',
      `/api/children/${boy}/placements`,
      intoInstitution('rescue_station', org.station),
      { 'idempotency-key': 'place-boy-0001' },
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('the station now sees his file; the welfare home and a social worker do not (404)', async () => {
    expect((await stationStaff.request('GET', `/api/children/${boy}`)).status).toBe(200);
    expect((await placementOf(stationStaff, boy)).current?.id).toBe(stationEpisode.id);
    for (const outsider of [homeStaff, socialWorker]) {
      expect((await outsider.request('GET', `/api/children/${boy}`)).status).toBe(404);
      expect((await outsider.request('GET', `/api/children/${boy}/placement`)).status).toBe(404);
      expect((await outsider.request('GET', `/api/placements/${stationEpisode.id}`)).status).toBe(404);
    }
  });

  it('a second placement while he is placed is refused: one current placement per child', async () => {
    const again = await police.request('POST', `/api/children/${boy}/placements`, home());
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('placements.already_placed');
  });

  it('an ending before the start is refused, naming both moments; nothing changes', async () => {
    const before = '2020-01-01T08:00:00+08:00';
    const ended = await act(stationStaff, stationEpisode.id, {
      type: 'end',
      expectedSeq: stationEpisode.seq,
      reason: 'other',
      endedAt: before,
    });
    expect(ended.status).toBe(400);
    const error = await errorOf(ended);
    expect(error.code).toBe('placements.ends_before_start');
    expect(error.message).toContain(before);
    expect(error.message).toContain(stationEpisode.startedAt);
    expect((await placementOf(stationStaff, boy)).current?.status).toBe('current');
  });

  it('the station asks for a longer stay; only civil affairs at the station level approves it', async () => {
    const requested = await json<ActedOnPlacement>(
      await act(stationStaff, stationEpisode.id, {
        type: 'request_extension',
        expectedSeq: stationEpisode.seq,
        days: 10,
        reason: '寻亲线索待核实',
      }),
    );
    expect(requested.status).toBe('extension_requested');
    // The station's staff hold no approval permission.
    expect(
      (await act(stationStaff, stationEpisode.id, { type: 'approve_extension', expectedSeq: requested.seq })).status,
    ).toBe(403);
    // The county (沙市区) sees the boy but has no authority over the city's station.
    const county = await act(shashiOfficer, stationEpisode.id, {
      type: 'approve_extension',
      expectedSeq: requested.seq,
    });
    expect(county.status).toBe(403);
    expect((await errorOf(county)).code).toBe('placements.not_authority');
    const offered = await json<PlacementView>(
      await shashiOfficer.request('GET', `/api/placements/${stationEpisode.id}`),
    );
    expect(offered.allowedActions).not.toContain('approve_extension');
    const city = await json<PlacementView>(await cityOfficer.request('GET', `/api/placements/${stationEpisode.id}`));
    expect(city.allowedActions).toEqual(expect.arrayContaining(['approve_extension', 'reject_extension']));
    const approved = await json<ActedOnPlacement>(
      await act(cityOfficer, stationEpisode.id, { type: 'approve_extension', expectedSeq: requested.seq }),
    );
    expect(approved.status).toBe('current');
    const clocks = approved.placement!.clocks.filter((c) => c.rule === 'placement.rescue_station_stay');
    expect(clocks.map((c) => c.state)).toEqual(['met', 'running']);
    expect(Date.parse(clocks[1]!.dueAt) - Date.parse(clocks[0]!.dueAt)).toBe(10 * 86_400_000);
    stationEpisode = approved.placement!;
  });

  it('a stale version is refused with the current episode', async () => {
    const stale = await act(stationStaff, stationEpisode.id, { type: 'end', expectedSeq: 1, reason: 'other' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('placements.stale');
  });

  it('one transfer ends the station episode and starts the welfare home: the station no longer sees him', async () => {
    const moved = await json<ActedOnPlacement>(
      await act(stationStaff, stationEpisode.id, {
        type: 'transfer',
        expectedSeq: stationEpisode.seq,
        next: intoInstitution('welfare_home', org.home, {
          handover: {
            from: '救助站 李红',
            to: '福利院 张敏',
            belongings: ['书包一个'],
            documents: ['police_record', 'medical_record'],
          },
        }),
      }),
    );
    expect(moved).toMatchObject({ status: 'ended', placement: null });
    expect((await stationStaff.request('GET', `/api/children/${boy}`)).status).toBe(404);
    expect((await stationStaff.request('GET', `/api/children/${boy}/placement`)).status).toBe(404);
    const file = await placementOf(homeStaff, boy);
    expect(file.current).toMatchObject({ kind: 'welfare_home', previousId: stationEpisode.id, status: 'current' });
    expect(file.history).toEqual([
      expect.objectContaining({ id: stationEpisode.id, status: 'ended', endReason: 'transferred' }),
    ]);
    const ended = await json<PlacementView>(await cityOfficer.request('GET', `/api/placements/${stationEpisode.id}`));
    expect(ended.nextId).toBe(file.current!.id);
    expect(ended.endedAt).toBe(file.current!.startedAt);
    expect(ended.clocks.every((c) => c.state !== 'running')).toBe(true);
    const access = await server.database.db
      .selectFrom('child_participations')
      .select(['organisation_id', 'ended_at'])
      .where('child_id', '=', boy)
      .where('basis', '=', 'placement')
      .execute();
    expect(access.filter((a) => a.ended_at === null).map((a) => a.organisation_id)).toEqual([org.home]);
  });

  it('returned home from the welfare home after the return-home assessment, he gets a quarterly follow-up clock', async () => {
    const assessed = await json<ActedOnPlacement>(
      await act(homeStaff, (await placementOf(homeStaff, boy)).current!.id, {
        type: 'assess_return_home',
        expectedSeq: (await placementOf(homeStaff, boy)).current!.seq,
        assessedOn: new Date().toISOString().slice(0, 10),
        finding: 'return_home',
        assessor: '市民政局评估小组',
        summary: '父亲已找到，有稳定住所',
      }),
    );
    const current = assessed.placement!;
    await json<ActedOnPlacement>(
      await act(homeStaff, current.id, { type: 'transfer', expectedSeq: current.seq, next: home() }),
    );
    const file = await placementOf(cityOfficer, boy);
    expect(file.current).toMatchObject({ kind: 'home', guardian: { type: 'parents', name: '王建国' } });
    const followUp = file.current!.clocks.find((c) => c.rule === 'placement.follow_up')!;
    expect(followUp.state).toBe('running');
    expect(Date.parse(followUp.dueAt) - Date.parse(followUp.startedAt)).toBe(90 * 86_400_000);
    expect(file.current!.allowedActions).toContain('follow_up');
    const visited = await json<ActedOnPlacement>(
      await act(cityOfficer, file.current!.id, {
        type: 'follow_up',
        expectedSeq: file.current!.seq,
        visitedOn: new Date().toISOString().slice(0, 10),
        childSafe: true,
        note: '孩子已返校，父亲在家照料',
      }),
    );
    expect(visited.placement!.clocks.filter((c) => c.rule === 'placement.follow_up').map((c) => c.state)).toEqual([
      'met',
      'running',
    ]);
  });
});

describe('a full institution', () => {
  it('warns with its occupancy, and takes the child only with a recorded reason', async () => {
    const first = await make.child();
    const second = await make.child();
    await json(
      await police.request(
        'POST',
        `/api/children/${first.id}/placements`,
        intoInstitution('protection_centre', org.centre),
      ),
      201,
    );
    const full = await police.request(
      'POST',
      `/api/children/${second.id}/placements`,
      intoInstitution('protection_centre', org.centre),
    );
    expect(full.status).toBe(409);
    const error = await errorOf(full);
    expect(error).toMatchObject({
      code: 'placements.institution_full',
      details: { organisationId: org.centre, occupancy: 1, beds: 1 },
    });
    expect(error.message).toContain('保护中心');
    const placed = await json<ChildPlacement>(
      await police.request(
        'POST',
        `/api/children/${second.id}/placements`,
        intoInstitution('protection_centre', org.centre, { overCapacityReason: '夜间无其他机构可接收，次日转出' }),
      ),
      201,
    );
    expect(placed.current!.overCapacity).toEqual({ reason: '夜间无其他机构可接收，次日转出', occupancy: 1, beds: 1 });
  });

  it('names the wrong kind of institution and a missing one by field', async () => {
    const child = await make.child();
    const wrong = await police.request(
      'POST',
      `/api/children/${child.id}/placements`,
      intoInstitution('rescue_station', org.home),
    );
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe('placements.organisation_kind');
    const missing = await police.request('POST', `/api/children/${child.id}/placements`, {
      ...intoInstitution('rescue_station', org.station),
      organisationId: null,
    });
    expect((await errorOf(missing)).code).toBe('placements.organisation_required');
  });
});

describe('the numbers of institutions for the city officer', () => {
  it('beds, occupancy, overflow and lengths of stay of the institutions in the jurisdiction', async () => {
    const occupancy = await json<Occupancy>(await cityOfficer.request('GET', '/api/placements/occupancy'));
    const centre = occupancy.institutions.find((i) => i.organisation.id === org.centre)!;
    expect(centre).toMatchObject({ beds: 1, occupancy: 2, free: 0, overflow: 1, byStay: { up_to_10: 2 } });
    const station = occupancy.institutions.find((i) => i.organisation.id === org.station)!;
    expect(station).toMatchObject({ beds: 60, occupancy: 0, waiting: 0 });
    // The county's officer sees no city institution; the station's staff may not read aggregates.
    expect(
      (await json<Occupancy>(await shashiOfficer.request('GET', '/api/placements/occupancy'))).institutions,
    ).toEqual([]);
    expect((await stationStaff.request('GET', '/api/placements/occupancy')).status).toBe(403);
  });

  it('occupancy day by day, and which institution received which kind of child (§4.2.1)', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const daily = await json<{
      institutions: { organisation: { id: string }; days: { date: string; occupancy: number }[] }[];
    }>(await cityOfficer.request('GET', `/api/placements/occupancy/daily?from=${today}&to=${today}`));
    expect(daily.institutions.find((i) => i.organisation.id === org.centre)!.days).toEqual([
      { date: today, occupancy: 2 },
    ]);
    const received = await json<Receptions>(
      await cityOfficer.request('GET', `/api/placements/receptions?from=${today}&to=${today}`),
    );
    expect(received.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          organisation: expect.objectContaining({ id: org.station }),
          childKind: 'unidentified',
          received: 1,
          stillThere: 0,
        }),
        expect.objectContaining({
          organisation: expect.objectContaining({ id: org.home }),
          childKind: 'unidentified',
          received: 1,
          stillThere: 0,
        }),
      ]),
    );
    expect(received.overlaps).toContainEqual({
      childKind: 'unidentified',
      institutionKinds: ['rescue_station', 'welfare_home'],
    });
    const backwards = await cityOfficer.request('GET', `/api/placements/receptions?from=${today}&to=2020-01-01`);
    expect(backwards.status).toBe(400);
  });
});
