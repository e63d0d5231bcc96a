import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, places } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../../test/support/session.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import { composeIdNumber } from '../../registry/id-number.js';
import { jpegWithGps } from '../../documents/test-files.test-helper.js';
import type { ActedOnPlacement, ChildPlacement, TracingView } from '../model.js';
import { home, intoInstitution } from '../test-bodies.test-helper.js';
import { openTracingIn } from './service.js';

let server: TestServer;
let make: ReturnType<typeof factories>;
const org = { station: '', home: '', city: '', county: '' };
let stationStaff: ApiSession;
let homeStaff: ApiSession;
let cityOfficer: ApiSession;
let countyOfficer: ApiSession;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  org.city = (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.jingzhou })).id;
  org.county = (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.shashi })).id;
  org.station = (
    await make.organisation({ kind: 'rescue_station', divisionCode: places.shashi, name: '沙市区救助管理站' })
  ).id;
  org.home = (
    await make.organisation({ kind: 'child_welfare_home', divisionCode: places.jingzhou, name: '荆州市儿童福利院' })
  ).id;
  stationStaff = await make.signedIn(server.url, 'institution_staff', { organisation: { id: org.station } });
  homeStaff = await make.signedIn(server.url, 'institution_staff', { organisation: { id: org.home } });
  cityOfficer = await make.signedIn(server.url, 'civil_affairs_officer', {
    organisation: { id: org.city },
    jurisdictionCode: places.jingzhou,
  });
  countyOfficer = await make.signedIn(server.url, 'civil_affairs_officer', { organisation: { id: org.county } });
}, 180_000);
afterAll(async () => server?.close());

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const act = (session: ApiSession, id: string, body: Record<string, unknown>) =>
  session.request('POST', `/api/placements/${id}/actions`, body);

/** An unidentified boy brought to the station by the police, and his tracing request. */
async function boyAtTheStation(daysAgo = 0) {
  const boy = await make.child({
    idNumber: null,
    sex: 'male',
    birthDate: '2015-05-01',
    residenceCode: places.chenlong,
  });
  const startedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const placed = await json<ChildPlacement>(
    await cityOfficer.request(
      'POST',
      `/api/children/${boy.id}/placements`,
      intoInstitution('rescue_station', org.station, { startedAt }),
    ),
    201,
  );
  return { boy, episode: placed.current! };
}

const opening = (childId: string) => ({
  childId,
  foundAt: '2026-11-02T21:10:00+08:00',
  foundPlace: '荆州火车站候车室',
  known: { statedName: '小军', statedAge: 11, dialect: '湖南常德口音', statements: '说家门口有一棵大樟树' },
  description: '身高约140厘米，左眉有一道小疤，穿蓝色校服',
});

const escort = (seq: number) => ({
  type: 'escort_home',
  expectedSeq: seq,
  escorts: ['救助站 刘强', '救助站 陈芳'],
  family: { name: '王建国', relationship: '父亲', phone: '13912345678', address: '湖南省常德市鼎城区某村' },
  handover: { signedBy: '王建国', witness: '村委会 张主任', belongings: ['书包'], documents: ['medical_record'] },
});

describe('tracing a child of unknown identity, and the way home', () => {
  let boyId = '';
  let havenCode = '';
  let formerName = '';
  let episodeId = '';
  let tracing: TracingView;

  it('the station opens a tracing request: what is known, where found, a hook for photos; a second one is refused', async () => {
    const { boy, episode } = await boyAtTheStation();
    boyId = boy.id;
    havenCode = boy.havenCode;
    formerName = boy.name;
    episodeId = episode.id;
    tracing = await json<TracingView>(await stationStaff.request('POST', '/api/tracing', opening(boy.id)), 201);
    expect(tracing).toMatchObject({
      status: 'open',
      provisionalCode: havenCode,
      identified: false,
      organisation: { id: org.station },
      placementId: episode.id,
      documentsOwner: { entityType: 'tracing_request', entityId: tracing.id },
      known: { statedName: '小军', statedAge: 11 },
    });
    const again = await stationStaff.request('POST', '/api/tracing', opening(boy.id));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('tracing.already_open');
    const register = await json<{ requests: { id: string }[] }>(await stationStaff.request('GET', '/api/tracing'));
    expect(register.requests.map((r) => r.id)).toContain(tracing.id);
  });

  it("a photo of the request is a document of the child's file: location removed, listed with the request, refused for another child's request", async () => {
    const photoPath = (childId: string, subjectId: string) =>
      `/api/children/${childId}/documents?type=photo&fileName=found.jpg&subjectType=tracing_request&subjectId=${subjectId}`;
    const upload = (session: ApiSession, childId: string, subjectId: string) =>
      fetch(`${server.url}${photoPath(childId, subjectId)}`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'image/jpeg' },
        body: jpegWithGps(),
      });
    const photo = await json<{ id: string; location: string; subject: { type: string; id: string } }>(
      await upload(stationStaff, boyId, tracing.id),
      201,
    );
    expect(photo).toMatchObject({ location: 'removed', subject: { type: 'tracing_request', id: tracing.id } });
    const listed = await json<{ items: { id: string }[] }>(
      await stationStaff.request(
        'GET',
        `/api/children/${boyId}/documents?subjectType=tracing_request&subjectId=${tracing.id}`,
      ),
    );
    expect(listed.items.map((d) => d.id)).toEqual([photo.id]);
    // The bytes kept have no GPS position left in them.
    const stored = Buffer.from(
      await (await stationStaff.request('GET', `/api/documents/${photo.id}/content`)).arrayBuffer(),
    );
    expect(stored.equals(jpegWithGps())).toBe(false);
    // Another child's file cannot own this request's photo; an organisation outside the file sees no request.
    const { boy: other } = await boyAtTheStation();
    const mismatched = await upload(stationStaff, other.id, tracing.id);
    expect(mismatched.status).toBe(400);
    expect((await errorOf(mismatched)).code).toBe('documents.subject_other_child');
    expect((await upload(homeStaff, boyId, tracing.id)).status).toBe(404);
  });

  it('leads are recorded, ruled out or matched to a family; a stale version is refused', async () => {
    tracing = await json<TracingView>(
      await stationStaff.request('POST', `/api/tracing/${tracing.id}/leads`, {
        expectedVersion: tracing.version,
        source: 'public_notice',
        summary: '寻亲公告后，宜昌一位家长来电，称孩子走失',
        family: { name: '李某', relationship: '母亲' },
      }),
    );
    const stale = await stationStaff.request('POST', `/api/tracing/${tracing.id}/leads`, {
      expectedVersion: tracing.version - 1,
      source: 'other',
      summary: 'x',
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('stale_version');
    const first = tracing.leadList[0]!;
    tracing = await json<TracingView>(
      await stationStaff.request('POST', `/api/tracing/${tracing.id}/leads/${first.id}/decision`, {
        expectedVersion: tracing.version,
        decision: 'ruled_out',
        note: '照片比对不符',
      }),
    );
    tracing = await json<TracingView>(
      await stationStaff.request('POST', `/api/tracing/${tracing.id}/leads`, {
        expectedVersion: tracing.version,
        source: 'dna_comparison',
        summary: '公安DNA比对：与常德市报失儿童父亲比中',
        family: {
          name: '王建国',
          relationship: '父亲',
          phone: '13912345678',
          divisionCode: null,
          address: '常德市鼎城区',
        },
      }),
    );
    const lead = tracing.leadList[1]!;
    expect(lead.family?.phone).not.toBe('13912345678');
    tracing = await json<TracingView>(
      await stationStaff.request('POST', `/api/tracing/${tracing.id}/leads/${lead.id}/decision`, {
        expectedVersion: tracing.version,
        decision: 'matched',
        note: 'DNA比对一致，父亲视频确认',
      }),
    );
    expect(tracing).toMatchObject({ status: 'matched', matchedLeadId: lead.id });
    expect(tracing.leadList.map((l) => l.status)).toEqual(['ruled_out', 'matched']);
  });

  it('a wrong ID number is refused naming the field, nothing changes; the right one confirms the identity', async () => {
    const wrong = await stationStaff.request('POST', `/api/tracing/${tracing.id}/identity`, {
      expectedVersion: tracing.version,
      idNumber: '430703201505010010',
      name: '王小军',
      evidence: '户口簿',
    });
    expect(wrong.status).toBe(400);
    const problem = await errorOf(wrong);
    expect(problem.code).toBe('registry.id_invalid');
    expect(JSON.stringify(problem)).toContain('body.idNumber');
    expect((await json<TracingView>(await stationStaff.request('GET', `/api/tracing/${tracing.id}`))).status).toBe(
      'matched',
    );
    const idNumber = composeIdNumber('430703', '2015-05-01', 13);
    tracing = await json<TracingView>(
      await stationStaff.request('POST', `/api/tracing/${tracing.id}/identity`, {
        expectedVersion: tracing.version,
        idNumber,
        name: '王小军',
        evidence: '户口簿与DNA比对',
      }),
    );
    expect(tracing).toMatchObject({ status: 'identified', identified: true, provisionalCode: havenCode });
  });

  it('the file keeps its history and the old Haven code still finds the child', async () => {
    const file = await json<{ name: string; formerNames: string[]; idNumber: string | null; havenCode: string }>(
      await stationStaff.request('GET', `/api/children/${boyId}`),
    );
    expect(file).toMatchObject({ name: '王小军', havenCode });
    expect(file.formerNames).toContain(formerName);
    expect(file.idNumber).not.toBeNull();
    const timeline = await json<{ items: { kind: string; before: Record<string, unknown> | null; details: object }[] }>(
      await stationStaff.request('GET', `/api/children/${boyId}/timeline?pageSize=100`),
    );
    const confirmed = timeline.items.find((entry) => entry.kind === 'child.identity_confirmed')!;
    expect(confirmed.before).toMatchObject({ idNumber: null, havenCode });
    expect(confirmed.details).toMatchObject({ provisionalCode: havenCode });
    const found = await json<{ items: { id: string }[] }>(
      await stationStaff.request('GET', `/api/children?q=${encodeURIComponent(havenCode)}`),
    );
    expect(found.items.map((c) => c.id)).toContain(boyId);
    const twice = await stationStaff.request('POST', `/api/tracing/${tracing.id}/identity`, {
      expectedVersion: tracing.version,
      idNumber: composeIdNumber('430703', '2015-05-01', 15),
      evidence: 'again',
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('registry.identity_already_confirmed');
  });

  it('escort home ends the station episode and starts the home one in one action; the station no longer sees the file', async () => {
    const episode = await json<{ seq: number }>(await stationStaff.request('GET', `/api/placements/${episodeId}`));
    const escorted = await json<ActedOnPlacement>(await act(stationStaff, episodeId, escort(episode.seq)));
    expect(escorted).toMatchObject({ status: 'ended', placement: null });
    expect((await stationStaff.request('GET', `/api/children/${boyId}/placement`)).status).toBe(404);
    expect((await stationStaff.request('GET', `/api/children/${boyId}`)).status).toBe(404);
    expect((await stationStaff.request('GET', `/api/tracing/${tracing.id}`)).status).toBe(404);
    const file = await json<ChildPlacement>(await cityOfficer.request('GET', `/api/children/${boyId}/placement`));
    expect(file.current).toMatchObject({
      kind: 'home',
      previousId: episodeId,
      carer: { name: '王建国', relationship: '父亲' },
      guardian: { type: 'parents', name: '王建国' },
      handover: { from: '救助站 刘强、救助站 陈芳', to: '王建国（父亲）' },
    });
    expect(file.current!.clocks.map((c) => [c.rule, c.state])).toEqual([['placement.follow_up', 'running']]);
    expect(file.history[0]).toMatchObject({ id: episodeId, endReason: 'escorted_home', status: 'ended' });
    const closed = await json<TracingView>(await cityOfficer.request('GET', `/api/tracing/${tracing.id}`));
    expect(closed).toMatchObject({ status: 'closed', outcome: 'escorted_home', canAct: false });
  });
});

describe('return home from state guardianship only after the return-home assessment', () => {
  it('refused without an assessment or when it advises against; allowed after one that finds the child may go home', async () => {
    const girl = await make.child({ residenceCode: places.chenlong });
    const placed = await json<ChildPlacement>(
      await cityOfficer.request(
        'POST',
        `/api/children/${girl.id}/placements`,
        intoInstitution('welfare_home', org.home),
      ),
      201,
    );
    let episode = placed.current!;
    expect(episode.legalBasis).toBe('long_term_state_guardianship');
    expect(episode.allowedActions).toContain('assess_return_home');
    const goHome = (seq: number) => act(homeStaff, episode.id, { type: 'transfer', expectedSeq: seq, next: home() });
    const unassessed = await goHome(episode.seq);
    expect(unassessed.status).toBe(409);
    expect((await errorOf(unassessed)).code).toBe('placements.return_home_unassessed');
    const escorted = await act(homeStaff, episode.id, escort(episode.seq));
    expect((await errorOf(escorted)).code).toBe('placements.return_home_unassessed');
    const assess = (seq: number, finding: string, assessedOn = '2026-11-20') =>
      act(homeStaff, episode.id, {
        type: 'assess_return_home',
        expectedSeq: seq,
        assessedOn,
        finding,
        assessor: '市民政局评估小组',
        summary: '父亲刑满释放，有固定住所与收入',
      });
    const future = await assess(episode.seq, 'return_home', '2099-01-01');
    expect(future.status).toBe(400);
    expect((await errorOf(future)).code).toBe('placements.assessed_in_future');
    await json(await assess(episode.seq, 'not_yet'));
    episode = (await json<ChildPlacement>(await homeStaff.request('GET', `/api/children/${girl.id}/placement`)))
      .current!;
    const advised = await goHome(episode.seq);
    expect(advised.status).toBe(409);
    expect((await errorOf(advised)).code).toBe('placements.return_home_not_advised');
    // Nothing was half-written by the refusals: one episode, still the welfare home's.
    const rows = await server.database.db
      .selectFrom('placements')
      .select(['kind', 'ended_at'])
      .where('child_id', '=', girl.id)
      .execute();
    expect(rows).toEqual([{ kind: 'welfare_home', ended_at: null }]);
    await json(await assess(episode.seq, 'return_home'));
    episode = (await json<ChildPlacement>(await homeStaff.request('GET', `/api/children/${girl.id}/placement`)))
      .current!;
    const moved = await json<ActedOnPlacement>(await goHome(episode.seq));
    expect(moved.status).toBe('ended');
    const now = await json<ChildPlacement>(await cityOfficer.request('GET', `/api/children/${girl.id}/placement`));
    expect(now.current?.kind).toBe('home');
  });

  it('an emergency stay at the station has no such gate (the parents keep guardianship)', async () => {
    const { episode } = await boyAtTheStation();
    const moved = await act(stationStaff, episode.id, escort(episode.seq));
    expect(moved.status).toBe(200);
  });
});

describe('my work', () => {
  it('the county sees the extension to approve, the station its overdue stays (overdue first) and tracing open too long', async () => {
    const late = await boyAtTheStation(12);
    const waiting = await boyAtTheStation(3);
    const requested = await json<ActedOnPlacement>(
      await act(stationStaff, waiting.episode.id, {
        type: 'request_extension',
        expectedSeq: waiting.episode.seq,
        days: 10,
        reason: '寻亲线索待核实',
      }),
    );
    expect(requested.status).toBe('extension_requested');
    const actor = await make.actor(await make.person('institution_staff', { organisation: { id: org.station } }));
    await unitOfWork(server.database.db, actor, 'tracing.open', (uow) =>
      openTracingIn(
        uow,
        { ...opening(late.boy.id), foundAt: '2026-01-02T21:10:00+08:00' },
        new Date('2026-01-03T09:00:00+08:00'),
      ),
    );
    type Work = {
      stays: { placementId: string; kind: string; overdue: boolean }[];
      tracing: { childName: string; overdue: boolean }[];
    };
    const county = await json<Work>(await countyOfficer.request('GET', '/api/my-work'));
    expect(county.stays).toContainEqual(
      expect.objectContaining({ placementId: waiting.episode.id, kind: 'extension_to_approve', overdue: false }),
    );
    expect(county.stays.map((s) => s.placementId)).not.toContain(late.episode.id);
    const station = await json<Work>(await stationStaff.request('GET', '/api/my-work'));
    expect(station.stays[0]).toMatchObject({ placementId: late.episode.id, kind: 'stay_overdue', overdue: true });
    expect(station.tracing).toContainEqual(expect.objectContaining({ childName: late.boy.name, overdue: true }));
    const city = await json<Work>(await homeStaff.request('GET', '/api/my-work'));
    expect(city.stays).toEqual([]);
    expect(city.tracing).toEqual([]);
  });
});
