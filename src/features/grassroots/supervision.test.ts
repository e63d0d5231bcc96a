import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';

// The township supervisor's supervision log (督导日志): who may record a check of a village director,
// what it holds, and the log per director as each reader's area shows it.
let server: TestServer;
let make: Factories;
let officer: ApiSession;
let farOfficer: ApiSession;
let supervisor: ApiSession;
let unlistedSupervisor: ApiSession;
let director: ApiSession;
let chenlongDirector: string;
let shakouDirector: string;
const today = () => shanghaiDateOf(new Date());
const daysFromToday = (n: number) => shanghaiDateOf(new Date(Date.now() + n * 86_400_000));

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Log {
  directors: {
    staffId: string;
    name: string;
    lastCheckedOn: string | null;
    entries: { checked: string[]; findings: string; supervisorName: string; followUpBy: string | null }[];
  }[];
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  const directorPerson = await make.as('director.chenlong');
  const supervisorPerson = await make.as('supervisor.cenhe');
  officer = await make.signInAs(server.url, 'officer.shashi');
  farOfficer = await make.signInAs(server.url, 'officer.gongan');
  const appoint = async (entry: Record<string, unknown>) =>
    (
      await json<{ id: string }>(
        await officer.request('POST', '/api/roster', {
          employment: 'part_time',
          appointedOn: daysFromToday(-300),
          ...entry,
        }),
        201,
      )
    ).id;
  chenlongDirector = await appoint({
    post: 'village_director',
    name: '陈桂兰',
    userId: directorPerson.id,
    organisationId: (await make.organisationNamed('chenlongVillage')).id,
    divisionCodes: [places.chenlong],
  });
  shakouDirector = await appoint({
    post: 'village_director',
    name: '王春梅',
    organisationId: (await make.organisationNamed('shakouVillage')).id,
    divisionCodes: [places.shakou],
  });
  await appoint({
    post: 'township_supervisor',
    name: '刘建国',
    userId: supervisorPerson.id,
    organisationId: (await make.organisationNamed('cenheTownship')).id,
    divisionCodes: [places.cenhe],
  });
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  director = await make.signInAs(server.url, 'director.chenlong');
  unlistedSupervisor = await make.signedIn(server.url, 'township_supervisor', {
    organisation: await make.organisationNamed('cenheTownship'),
  });
}, 180_000);
afterAll(async () => server?.close());

describe('the supervision log', () => {
  const check = () => ({
    checkedOn: today(),
    checked: ['home_visits', 'ledger'],
    findings: '随访记录齐全；台账缺两名儿童的监护人电话',
    followUp: '一周内补齐台账',
    followUpBy: daysFromToday(7),
  });
  const path = () => `/api/roster/${chenlongDirector}/supervision`;

  it('who cannot record a check: a director (403), a supervisor not on the roster (403), another county (404)', async () => {
    expect((await director.request('POST', path(), check())).status).toBe(403);
    expect((await unlistedSupervisor.request('POST', path(), check())).status).toBe(403);
    expect((await farOfficer.request('POST', path(), check())).status).toBe(404);
    expect((await farOfficer.request('GET', `/api/supervision?staffId=${chenlongDirector}`)).status).toBe(404);
  });

  it('bad input says what and where: a future date, a follow-up due before the check, a village the director does not cover (zh-CN, English)', async () => {
    const future = daysFromToday(2);
    const english = await supervisor.request(
      'POST',
      path(),
      { ...check(), checkedOn: future },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(400);
    expect((await errorOf(english)).message).toContain(future);
    const early = await supervisor.request('POST', path(), { ...check(), followUpBy: daysFromToday(-3) });
    expect(early.status).toBe(400);
    expect((await errorOf(early)).message).toContain('整改期限');
    const elsewhere = await supervisor.request('POST', path(), { ...check(), divisionCode: places.shakou });
    expect(elsewhere.status).toBe(400);
    expect((await errorOf(elsewhere)).message).toContain('陈桂兰');
    const nothing = await supervisor.request('POST', path(), { ...check(), checked: [] });
    expect(nothing.status).toBe(400);
  });

  it('the township supervisor records a check once per Idempotency-Key; the log lists it under the director, never-checked directors too', async () => {
    const headers = { 'idempotency-key': 'supervision-0001' };
    await json(await supervisor.request('POST', path(), check(), headers), 201);
    const again = await supervisor.request('POST', path(), check(), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const log = await json<Log>(await supervisor.request('GET', '/api/supervision'), 200);
    const chenlong = log.directors.find((d) => d.staffId === chenlongDirector)!;
    expect(chenlong).toMatchObject({ name: '陈桂兰', lastCheckedOn: today() });
    expect(chenlong.entries).toHaveLength(1);
    expect(chenlong.entries[0]).toMatchObject({
      checked: ['home_visits', 'ledger'],
      supervisorName: '刘建国',
      followUpBy: daysFromToday(7),
    });
    expect(log.directors.find((d) => d.staffId === shakouDirector)).toMatchObject({ lastCheckedOn: null, entries: [] });
    // The county officer records one too, and reads the same log; another county's officer sees none of it.
    await json(
      await officer.request('POST', `/api/roster/${shakouDirector}/supervision`, {
        checkedOn: today(),
        checked: ['children_met'],
        findings: '走访两名留守儿童，情况与档案一致',
      }),
      201,
    );
    const county = await json<Log>(await officer.request('GET', `/api/supervision?staffId=${shakouDirector}`), 200);
    expect(county.directors.map((d) => d.entries.length)).toEqual([1]);
    const far = await json<Log>(await farOfficer.request('GET', '/api/supervision'), 200);
    expect(far.directors.some((d) => [chenlongDirector, shakouDirector].includes(d.staffId))).toBe(false);
  });
});

describe('a follow-up asked for in the log has a clock', () => {
  interface Entry {
    id: string;
    followUp: string | null;
    followUpBy: string | null;
    followUpDueAt: string | null;
    followUpOverdue: boolean;
    followUpDone: { on: string; note: string | null; by: string } | null;
  }
  interface FollowUp {
    logId: string;
    overdue: boolean;
    basis: string;
  }
  const entriesOf = async (session: ApiSession) =>
    (
      await json<{ directors: { staffId: string; entries: Entry[] }[] }>(
        await session.request('GET', `/api/supervision?staffId=${chenlongDirector}`),
        200,
      )
    ).directors[0]!.entries;
  const workOf = async (session: ApiSession) =>
    (await json<{ supervisionFollowUps: FollowUp[] }>(await session.request('GET', '/api/my-work'), 200))
      .supervisionFollowUps;
  const clockOf = (logId: string) =>
    server.database.db
      .selectFrom('clocks')
      .select(['state', 'owner_user_id', 'due_at'])
      .where('subject_type', '=', 'supervision_log')
      .where('subject_id', '=', logId)
      .executeTakeFirstOrThrow();
  let late: Entry;

  it('without a date it is due by the rule set’s default (14 days); a late one is in the supervisor’s work, then escalated to the county', async () => {
    const base = { checked: ['ledger'], findings: '台账未更新' };
    await json(
      await supervisor.request('POST', `/api/roster/${chenlongDirector}/supervision`, {
        ...base,
        checkedOn: today(),
        followUp: '两周内更新台账',
      }),
      201,
    );
    await json(
      await supervisor.request('POST', `/api/roster/${chenlongDirector}/supervision`, {
        ...base,
        checkedOn: daysFromToday(-20),
        followUp: '补录三名儿童的随访记录',
        followUpBy: daysFromToday(-10),
      }),
      201,
    );
    const entries = await entriesOf(supervisor);
    const soon = entries.find((e) => e.followUp === '两周内更新台账')!;
    late = entries.find((e) => e.followUp === '补录三名儿童的随访记录')!;
    expect(soon).toMatchObject({ followUpBy: daysFromToday(14), followUpOverdue: false, followUpDone: null });
    expect(late).toMatchObject({ followUpBy: daysFromToday(-10), followUpOverdue: true });
    const clock = await clockOf(late.id);
    expect(clock.state).toBe('running');
    expect(clock.owner_user_id).toBe((await make.as('supervisor.cenhe')).id);
    expect((await workOf(supervisor)).map((f) => [f.logId, f.overdue, f.basis])).toEqual([[late.id, true, 'mine']]);
    expect(await workOf(director)).toEqual([]);
    expect((await workOf(officer)).some((f) => f.logId === late.id)).toBe(false);
    await clockEscalationSweep.run(server.database.db, new Date());
    expect((await workOf(officer)).find((f) => f.logId === late.id)).toMatchObject({ basis: 'escalated' });
    expect((await workOf(farOfficer)).some((f) => f.logId === late.id)).toBe(false);
  });

  it('recorded done it stops (late: missed) and leaves my work; bad dates → 400, a director → 403, twice or with no follow-up → 409', async () => {
    const done = (body: Record<string, unknown>, session = supervisor, headers: Record<string, string> = {}) =>
      session.request('POST', `/api/supervision/${late.id}/follow-up-done`, body, headers);
    const early = await done({ doneOn: daysFromToday(-21) }, supervisor, { 'accept-language': 'en' });
    expect(early.status).toBe(400);
    expect((await errorOf(early)).message).toContain(daysFromToday(-20));
    expect((await done({ doneOn: daysFromToday(1) })).status).toBe(400);
    expect((await done({ doneOn: today() }, director)).status).toBe(403);
    expect((await done({ doneOn: today() }, farOfficer)).status).toBe(404);
    const headers = { 'idempotency-key': 'follow-up-done-0001' };
    const body = { doneOn: today(), note: '已补录，抽查两户属实' };
    await json(await done(body, supervisor, headers), 201);
    const replay = await done(body, supervisor, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const again = await done({ doneOn: today() });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain(today());
    expect((await clockOf(late.id)).state).toBe('missed');
    const entry = (await entriesOf(supervisor)).find((e) => e.id === late.id)!;
    expect(entry).toMatchObject({
      followUpOverdue: false,
      followUpDone: { on: today(), note: '已补录，抽查两户属实', by: '刘建国' },
    });
    expect((await workOf(supervisor)).some((f) => f.logId === late.id)).toBe(false);
    expect((await workOf(officer)).some((f) => f.logId === late.id)).toBe(false);
    // The county officer's check of 王春梅 asked for no follow-up: nothing to record done.
    const plain = (
      await json<{ directors: { entries: Entry[] }[] }>(
        await officer.request('GET', `/api/supervision?staffId=${shakouDirector}`),
        200,
      )
    ).directors[0]!.entries[0]!;
    expect(plain.followUp).toBeNull();
    const nothing = await officer.request('POST', `/api/supervision/${plain.id}/follow-up-done`, { doneOn: today() });
    expect(nothing.status).toBe(409);
  });
});
