import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { addDays } from './rules.js';
import { visitScheduleSweep } from './sweep.js';
import { assignDirectorsSweep } from '../grassroots/sweep.js';
import { factories, type Factories, places, type TestChild, type TestPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
let supervisor: ApiSession;
let otherDirector: ApiSession & { person: TestPerson };
let farDirector: ApiSession;
let directorPerson: TestPerson;
let child: TestChild;
const today = () => shanghaiDateOf(new Date());
const weeksAgo = (n: number) => addDays(today(), -7 * n);

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

interface Due {
  childId: string;
  overdue: boolean;
  basis: string;
  escalationLevel: number;
  rule: string;
}
const dueFor = async (session: ApiSession) =>
  (await json<{ items: Due[] }>(await session.request('GET', '/api/visits/due?withinDays=0'), 200)).items;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  directorPerson = await make.as('director.chenlong');
  const supervisorPerson = await make.as('supervisor.cenhe');
  // Registered eight weeks ago, left-behind, graded red (high): set directly, as the registry and a
  // case assessment would have left them, so the test is about visits.
  child = await make.child({ residenceCode: places.chenlong, birthDate: '2016-05-01' });
  await sql`UPDATE children SET created_at = ${new Date(`${weeksAgo(8)}T09:00:00+08:00`)}, risk_grade = 'high' WHERE id = ${child.id}`.execute(
    server.database.db,
  );
  await server.database.db
    .insertInto('child_categories')
    .values({ child_id: child.id, category: 'left_behind', state: 'confirmed', start_date: weeksAgo(8) })
    .execute();
  officer = await make.signInAs(server.url, 'officer.shashi');
  const village = await make.organisationNamed('chenlongVillage');
  const township = await make.organisationNamed('cenheTownship');
  await json(
    await officer.request('POST', '/api/roster', {
      post: 'village_director',
      name: '陈桂兰',
      userId: directorPerson.id,
      organisationId: village.id,
      divisionCodes: [places.chenlong],
      employment: 'part_time',
      otherDuties: '妇女主任',
      appointedOn: weeksAgo(10),
    }),
    201,
  );
  await json(
    await officer.request('POST', '/api/roster', {
      post: 'township_supervisor',
      name: '刘建国',
      userId: supervisorPerson.id,
      organisationId: township.id,
      divisionCodes: [places.cenhe],
      employment: 'full_time',
      appointedOn: weeksAgo(10),
    }),
    201,
  );
  director = await make.signInAs(server.url, 'director.chenlong');
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  otherDirector = await make.signedIn(server.url, 'village_director', { organisation: village });
  farDirector = await make.signInAs(server.url, 'director.nongli');
}, 180_000);
afterAll(async () => server?.close());

describe('home visits over HTTP', () => {
  let visitId: string;

  it('appointing the village director makes them responsible for the village children', async () => {
    const history = await json<{ current: { staffId: string; reason: string } | null }>(
      await officer.request('GET', `/api/children/${child.id}/assignment`),
      200,
    );
    expect(history.current?.reason).toBe('residence_village');
  });

  it('a new child gets its first-visit clock (5 working days) from the schedule sweep', async () => {
    await visitScheduleSweep.run(server.database.db, new Date());
    const clocks = await server.database.db
      .selectFrom('clocks')
      .select(['rule', 'state', 'owner_user_id'])
      .where('child_id', '=', child.id)
      .where('subject_type', '=', 'visit')
      .orderBy('rule')
      .execute();
    expect(clocks.map((c) => c.rule)).toEqual(['visit.first', 'visit.screening']);
    expect(clocks[0]!.owner_user_id).toBe(directorPerson.id);
  });

  it('refuses a visit dated in the future or before the registration, naming the date (zh-CN and English)', async () => {
    const future = addDays(today(), 2);
    const response = await director.request('POST', '/api/visits', { childId: child.id, visitedOn: future });
    expect(response.status).toBe(400);
    const body = await errorOf(response);
    expect(body.message).toContain(future);
    const early = addDays(weeksAgo(8), -1);
    const english = await director.request(
      'POST',
      '/api/visits',
      { childId: child.id, visitedOn: early },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(400);
    expect((await errorOf(english)).message).toMatch(new RegExp(`${early}.*before the child's registration`));
  });

  it('a director who is not responsible gets 403; one outside the scope 404', async () => {
    const body = { childId: child.id, visitedOn: today() };
    expect((await otherDirector.request('POST', '/api/visits', body)).status).toBe(403);
    expect((await farDirector.request('POST', '/api/visits', body)).status).toBe(404);
    expect((await farDirector.request('GET', `/api/visits?childId=${child.id}`)).status).toBe(404);
  });

  it('records the national follow-up form once per Idempotency-Key, and schedules the next visit weekly for red', async () => {
    const body = {
      childId: child.id,
      visitedOn: weeksAgo(7),
      kind: 'first',
      respondentName: '陈奶奶',
      respondentRelation: '祖母',
      lastParentContactOn: addDays(weeksAgo(7), -3),
      schooling: '在校',
      keyAttention: true,
      findings: { living: '住房老旧', family: '父母在外务工', stateOfMind: '想念父母' },
      suggestions: '联系社工每周探访',
    };
    const first = await json<{ id: string; nextDueOn: string; version: number }>(
      await director.request('POST', '/api/visits', body, { 'idempotency-key': 'visit-chenlong-0001' }),
      201,
    );
    const again = await director.request('POST', '/api/visits', body, { 'idempotency-key': 'visit-chenlong-0001' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    const list = await json<{ items: unknown[] }>(
      await director.request('GET', `/api/visits?childId=${child.id}`),
      200,
    );
    expect(list.items).toHaveLength(1);
    expect(first.nextDueOn).toBe(addDays(weeksAgo(7), 7));
    visitId = first.id;
  });

  it('refuses a stale correction of the form', async () => {
    const ok = await director.request('PATCH', `/api/visits/${visitId}`, { version: 1, schooling: '在校（寄宿）' });
    expect(ok.status).toBe(200);
    const stale = await director.request('PATCH', `/api/visits/${visitId}`, { version: 1, schooling: '辍学' });
    expect(stale.status).toBe(409);
  });

  it('six weeks without a visit: overdue for the director, then the supervisor, then the county officer', async () => {
    const due = new Date(`${addDays(weeksAgo(7), 7)}T23:59:59+08:00`);
    const hoursAfter = (h: number) => new Date(due.getTime() + h * 3_600_000);
    const sweep = async (at: Date) => {
      await visitScheduleSweep.run(server.database.db, at);
      await clockEscalationSweep.run(server.database.db, at);
    };
    await sweep(hoursAfter(1));
    const mine = (await dueFor(director)).find((d) => d.childId === child.id);
    expect(mine).toMatchObject({ overdue: true, basis: 'assigned', rule: 'visit.routine' });
    expect((await dueFor(supervisor)).some((d) => d.childId === child.id)).toBe(false);
    expect((await dueFor(officer)).some((d) => d.childId === child.id)).toBe(false);

    await sweep(hoursAfter(73));
    expect((await dueFor(supervisor)).find((d) => d.childId === child.id)).toMatchObject({ basis: 'escalated' });
    expect((await dueFor(officer)).some((d) => d.childId === child.id)).toBe(false);

    await sweep(new Date());
    expect((await dueFor(officer)).find((d) => d.childId === child.id)).toMatchObject({ overdue: true });
    const work = await json<{ visitsDue: Due[] }>(await officer.request('GET', '/api/my-work'), 200);
    expect(work.visitsDue[0]).toMatchObject({ childId: child.id, overdue: true });
    // Someone else's child is not in another village's director's list, escalated or not.
    expect((await dueFor(farDirector)).some((d) => d.childId === child.id)).toBe(false);
  });

  it('recording the visit stops the clock (missed, late) and starts the next from the grade', async () => {
    await json(
      await director.request(
        'POST',
        '/api/visits',
        { childId: child.id, visitedOn: today() },
        { 'idempotency-key': 'visit-chenlong-0002' },
      ),
      201,
    );
    const clocks = await server.database.db
      .selectFrom('clocks')
      .select(['rule', 'state', 'due_at'])
      .where('child_id', '=', child.id)
      .where('rule', '=', 'visit.routine')
      .orderBy('started_at')
      .execute();
    expect(clocks.map((c) => c.state)).toEqual(['missed', 'running']);
    expect(shanghaiDateOf(clocks[1]!.due_at)).toBe(addDays(today(), 7));
    expect((await dueFor(director)).some((d) => d.childId === child.id)).toBe(false);
  });

  it('an offline visit after someone else visited meanwhile: 409 naming that visit, then kept once on resend', async () => {
    const seen = (
      await json<{ items: { id: string }[] }>(await director.request('GET', `/api/visits?childId=${child.id}`), 200)
    ).items[0]!.id;
    // The director's phone queued its form offline; the township supervisor visits in the meantime.
    const theirs = await json<{ id: string; version: number }>(
      await supervisor.request('POST', '/api/visits', { childId: child.id, visitedOn: today(), schooling: '在校' }),
      201,
    );
    const queued = { childId: child.id, visitedOn: today(), schooling: '辍学在家', seenVisitId: seen };
    const refused = await director.request('POST', '/api/visits', queued, {
      'idempotency-key': 'offline-visit-0001',
      'accept-language': 'en',
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error).toMatchObject({ code: 'visits.visited_meanwhile', details: { visitId: theirs.id, version: 1 } });
    expect(error.message).toContain('刘建国');
    // The director keeps both: the resend names the visit now seen, under the same key (the refusal stored nothing).
    const kept = { ...queued, seenVisitId: theirs.id };
    const first = await json<{ id: string }>(
      await director.request('POST', '/api/visits', kept, { 'idempotency-key': 'offline-visit-0001' }),
      201,
    );
    const replay = await director.request('POST', '/api/visits', kept, { 'idempotency-key': 'offline-visit-0001' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(first.id);
    const visits = await json<{ items: { id: string }[] }>(
      await director.request('GET', `/api/visits?childId=${child.id}`),
      200,
    );
    expect(visits.items.filter((v) => v.id === first.id)).toHaveLength(1);
    // My own queued visits never conflict with each other.
    const mine = await director.request('POST', '/api/visits', { ...queued, seenVisitId: theirs.id });
    expect(mine.status).toBe(201);
  });

  it('a left-behind child turning 16 leaves its monthly visit rule', async () => {
    const sixteen = addDays(today(), 10);
    const teen = await make.child({
      residenceCode: places.chenlong,
      birthDate: `${Number(sixteen.slice(0, 4)) - 16}${sixteen.slice(4)}`,
    });
    await server.database.db
      .insertInto('child_categories')
      .values({ child_id: teen.id, category: 'left_behind', state: 'confirmed', start_date: today() })
      .execute();
    await assignDirectorsSweep.run(server.database.db, new Date());
    const visit = await json<{ nextDueOn: string }>(
      await director.request('POST', '/api/visits', { childId: teen.id, visitedOn: today(), kind: 'first' }),
      201,
    );
    expect(visit.nextDueOn).toBe(addDays(today(), 30));
    await visitScheduleSweep.run(server.database.db, new Date(`${sixteen}T08:00:00+08:00`));
    const routine = await server.database.db
      .selectFrom('clocks')
      .select('state')
      .where('child_id', '=', teen.id)
      .where('rule', '=', 'visit.routine')
      .execute();
    expect(routine.map((c) => c.state)).toEqual(['met']);
  });

  it('the key sealing a phone’s offline store: this person’s on this phone, never another’s; a reset password changes it', async () => {
    const phone = '7d2a3b8e-4c1f-4e55-9a3e-1f2b3c4d5e6f';
    const keyOf = async (session: ApiSession, device = phone) => {
      const response = await session.request('GET', `/api/visits/offline-key?device=${device}`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return (await json<{ key: string; expiresAt: string }>(response, 200)).key;
    };
    const mine = await keyOf(director);
    expect(await keyOf(director)).toBe(mine);
    expect(await keyOf(director, '0b6f9a64-2c1e-4d7b-8f3a-5e6d7c8b9a01')).not.toBe(mine);
    expect(await keyOf(otherDirector)).not.toBe(mine);
    expect((await director.request('GET', '/api/visits/offline-key?device=phone-1')).status).toBe(400);
    const before = await keyOf(otherDirector);
    // What an administrator does for a lost phone (a reset password ends the sessions too): another key.
    await sql`UPDATE users SET password_hash = password_hash || 'x' WHERE id = ${otherDirector.person.id}`.execute(
      server.database.db,
    );
    expect(await keyOf(otherDirector)).not.toBe(before);
    await otherDirector.request('POST', '/api/auth/logout');
    expect((await otherDirector.request('GET', `/api/visits/offline-key?device=${phone}`)).status).toBe(401);
  });
});
