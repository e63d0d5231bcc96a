import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { loadFeatures } from '../../server.js';
import { addDays } from './rules.js';

// Entrusted care of a left-behind child (DOMAIN.md §2, §4): the carer, the written notices, the
// weekly parent contact as a clock that goes up the chain like a missed visit.
let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
let supervisor: ApiSession;
let otherDirector: ApiSession;
let farDirector: ApiSession;
let child: TestChild;
let notLeftBehind: TestChild;
const today = () => shanghaiDateOf(new Date());
const weeksAgo = (n: number) => addDays(today(), -7 * n);

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Care {
  current: {
    id: string;
    version: number;
    nextContactDueAt: string | null;
    contactOverdue: boolean;
    contacts: { contactedOn: string }[];
  } | null;
}
interface Due {
  childId: string;
  rule: string;
  overdue: boolean;
  basis: string;
}
const dueFor = async (session: ApiSession) =>
  (await json<{ items: Due[] }>(await session.request('GET', '/api/visits/entrusted-due?withinDays=0'), 200)).items;
const clocksOf = (careId: string) =>
  server.database.db
    .selectFrom('clocks')
    .select(['rule', 'state'])
    .where('subject_type', '=', 'entrusted_care')
    .where('subject_id', '=', careId)
    .orderBy('rule')
    .orderBy('started_at')
    .execute();

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  const directorPerson = await make.as('director.chenlong');
  const supervisorPerson = await make.as('supervisor.cenhe');
  child = await make.child({ residenceCode: places.chenlong, birthDate: '2016-05-01' });
  notLeftBehind = await make.child({ residenceCode: places.chenlong, birthDate: '2015-03-01' });
  await sql`UPDATE children SET created_at = ${new Date(`${weeksAgo(8)}T09:00:00+08:00`)} WHERE id = ${child.id}`.execute(
    server.database.db,
  );
  await server.database.db
    .insertInto('child_categories')
    .values({ child_id: child.id, category: 'left_behind', state: 'confirmed', start_date: weeksAgo(8) })
    .execute();
  officer = await make.signInAs(server.url, 'officer.shashi');
  const village = await make.organisationNamed('chenlongVillage');
  const township = await make.organisationNamed('cenheTownship');
  for (const entry of [
    {
      post: 'village_director',
      name: '陈桂兰',
      userId: directorPerson.id,
      organisationId: village.id,
      divisionCodes: [places.chenlong],
    },
    {
      post: 'township_supervisor',
      name: '刘建国',
      userId: supervisorPerson.id,
      organisationId: township.id,
      divisionCodes: [places.cenhe],
    },
  ])
    await json(
      await officer.request('POST', '/api/roster', { ...entry, employment: 'part_time', appointedOn: weeksAgo(10) }),
      201,
    );
  director = await make.signInAs(server.url, 'director.chenlong');
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  otherDirector = await make.signedIn(server.url, 'village_director', { organisation: village });
  farDirector = await make.signInAs(server.url, 'director.nongli');
}, 180_000);
afterAll(async () => server?.close());

describe('entrusted care of a left-behind child', () => {
  let careId: string;
  const care = () => ({
    carerName: '陈奶奶',
    carerRelation: '祖母',
    capacity: 'limited',
    capacityNote: '年事已高，能照料起居，辅导功课困难',
    startedOn: weeksAgo(3),
    noticeSchoolOn: weeksAgo(3),
  });

  it('who cannot record it: not responsible → 403, outside the scope → 404, not left-behind → 409, a future start → 400 (zh-CN, English)', async () => {
    const path = `/api/children/${child.id}/entrusted-care`;
    expect((await otherDirector.request('POST', path, care())).status).toBe(403);
    expect((await farDirector.request('POST', path, care())).status).toBe(404);
    expect((await farDirector.request('GET', path)).status).toBe(404);
    const other = await director.request('POST', `/api/children/${notLeftBehind.id}/entrusted-care`, care());
    expect(other.status).toBe(409);
    expect((await errorOf(other)).message).toContain('留守儿童');
    const future = addDays(today(), 3);
    const english = await director.request('POST', path, { ...care(), startedOn: future }, { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    expect((await errorOf(english)).message).toContain(future);
  });

  it('records the carer once per Idempotency-Key; the weekly contact clock and, with a notice missing, the notice clock start', async () => {
    const path = `/api/children/${child.id}/entrusted-care`;
    const headers = { 'idempotency-key': 'entrusted-care-0001' };
    const first = await json<Care>(await director.request('POST', path, care(), headers), 201);
    const again = await director.request('POST', path, care(), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    careId = first.current!.id;
    expect(first.current!.contactOverdue).toBe(true);
    expect(await clocksOf(careId)).toEqual([
      { rule: 'entrusted.contact', state: 'running' },
      { rule: 'entrusted.notice', state: 'running' },
    ]);
    const second = await director.request('POST', path, care());
    expect(second.status).toBe(409);
    expect((await errorOf(second)).message).toContain('陈奶奶');
    // Read by the officer too (in scope), with the child's name for the page, and audited; never by another village's director.
    const read = await json<Care & { childName: string; leftBehind: boolean }>(await officer.request('GET', path), 200);
    expect(read).toMatchObject({ childName: child.name, leftBehind: true, current: { id: careId } });
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'entrusted_care.read')
      .where('child_id', '=', child.id)
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    const plain = await json<{ leftBehind: boolean; current: null }>(
      await director.request('GET', `/api/children/${notLeftBehind.id}/entrusted-care`),
      200,
    );
    expect(plain).toMatchObject({ leftBehind: false, current: null });
  });

  it('parents not heard from for two weeks: overdue for the director, then the supervisor, then the county officer, in my work', async () => {
    const due = new Date(`${addDays(weeksAgo(3), 7)}T23:59:59+08:00`);
    const hoursAfter = (h: number) => new Date(due.getTime() + h * 3_600_000);
    await clockEscalationSweep.run(server.database.db, hoursAfter(1));
    expect(
      (await dueFor(director)).find((d) => d.childId === child.id && d.rule === 'entrusted.contact'),
    ).toMatchObject({ overdue: true, basis: 'assigned' });
    expect((await dueFor(supervisor)).some((d) => d.childId === child.id)).toBe(false);
    await clockEscalationSweep.run(server.database.db, hoursAfter(73));
    expect((await dueFor(supervisor)).find((d) => d.childId === child.id)).toMatchObject({ basis: 'escalated' });
    expect((await dueFor(officer)).some((d) => d.childId === child.id)).toBe(false);
    await clockEscalationSweep.run(server.database.db, new Date());
    expect((await dueFor(officer)).find((d) => d.childId === child.id)).toMatchObject({ overdue: true });
    const work = await json<{ entrustedContacts: Due[] }>(await officer.request('GET', '/api/my-work'), 200);
    expect(work.entrustedContacts.some((d) => d.childId === child.id && d.overdue)).toBe(true);
    expect((await dueFor(farDirector)).some((d) => d.childId === child.id)).toBe(false);
  });

  it("a parent's contact stops the clock and the next is due a week later; dated before the care → 400", async () => {
    const early = await director.request('POST', `/api/entrusted-care/${careId}/contacts`, {
      contactedOn: addDays(weeksAgo(3), -1),
      parent: 'mother',
      channel: 'video',
    });
    expect(early.status).toBe(400);
    expect(await errorOf(early).then((e) => e.message)).toContain(weeksAgo(3));
    const headers = { 'idempotency-key': 'entrusted-contact-0001' };
    const body = { contactedOn: today(), parent: 'mother', channel: 'video', note: '母亲视频通话，询问学习情况' };
    const after = await json<Care>(
      await director.request('POST', `/api/entrusted-care/${careId}/contacts`, body, headers),
      201,
    );
    await json(await director.request('POST', `/api/entrusted-care/${careId}/contacts`, body, headers), 201);
    expect(after.current!.contacts.map((c) => c.contactedOn)).toEqual([today()]);
    expect(after.current!.contactOverdue).toBe(false);
    expect(after.current!.nextContactDueAt?.slice(0, 10)).toBe(
      new Date(`${addDays(today(), 7)}T23:59:59+08:00`).toISOString().slice(0, 10),
    );
    expect((await dueFor(supervisor)).some((d) => d.childId === child.id && d.rule === 'entrusted.contact')).toBe(
      false,
    );
    const contact = (await clocksOf(careId)).filter((c) => c.rule === 'entrusted.contact').map((c) => c.state);
    expect(contact).toEqual(['missed', 'running']);
  });

  it('the village committee’s notice stops the notice clock (a stale version → 409); an ended care stops its clocks and takes no contact', async () => {
    const stale = await director.request('PATCH', `/api/entrusted-care/${careId}`, {
      version: 99,
      noticeVillageOn: today(),
    });
    expect(stale.status).toBe(409);
    const noticed = await json<Care>(
      await director.request('PATCH', `/api/entrusted-care/${careId}`, { version: 1, noticeVillageOn: today() }),
      200,
    );
    expect((await clocksOf(careId)).find((c) => c.rule === 'entrusted.notice')?.state).not.toBe('running');
    await json(
      await director.request('PATCH', `/api/entrusted-care/${careId}`, {
        version: noticed.current!.version,
        end: { on: today(), reason: '父亲返乡' },
      }),
      200,
    );
    expect((await clocksOf(careId)).every((c) => c.state !== 'running')).toBe(true);
    const late = await director.request(
      'POST',
      `/api/entrusted-care/${careId}/contacts`,
      { contactedOn: today(), parent: 'father', channel: 'phone' },
      { 'accept-language': 'en' },
    );
    expect(late.status).toBe(409);
    expect((await errorOf(late)).message).toContain('ended');
  });
});

describe('the left-behind category ends', () => {
  it('turning 16: the age-out ends the category, the care’s clocks close with the reason in their history and on the timeline; nothing overdue; the sweep does not reopen them', async () => {
    const sweeps = (await loadFeatures()).sweeps;
    const run = async (name: string, at: Date) => sweeps.find((s) => s.name === name)!.run(server.database.db, at);
    const teen = await make.child({ residenceCode: places.chenlong, birthDate: '2015-01-01' });
    await server.database.db
      .insertInto('child_categories')
      .values({ child_id: teen.id, category: 'left_behind', state: 'confirmed', start_date: weeksAgo(8) })
      .execute();
    await run('grassroots.assign', new Date());
    const recorded = await json<Care>(
      await director.request('POST', `/api/children/${teen.id}/entrusted-care`, {
        carerName: '陈爷爷',
        carerRelation: '祖父',
        capacity: 'capable',
        startedOn: weeksAgo(2),
      }),
      201,
    );
    const careId = recorded.current!.id;
    expect((await dueFor(director)).some((d) => d.childId === teen.id && d.overdue)).toBe(true);
    // Sixteen today: the registry's age-out sweep ends the left-behind category as of the birthday.
    const [year, month, day] = today().split('-').map(Number) as [number, number, number];
    const birthday = `${year - 16}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    await sql`UPDATE children SET birth_date = ${birthday} WHERE id = ${teen.id}`.execute(server.database.db);
    const now = new Date();
    await run('registry.age-out', now);
    const category = await server.database.db
      .selectFrom('child_categories')
      .select(['state', 'end_date'])
      .where('child_id', '=', teen.id)
      .executeTakeFirstOrThrow();
    expect(category).toMatchObject({ state: 'ended', end_date: today() });
    expect(await run('visits.entrusted', now)).toMatchObject({ cares: 1, clocks: 2 });
    expect((await clocksOf(careId)).every((c) => c.state !== 'running')).toBe(true);
    const history = await server.database.db
      .selectFrom('clock_changes')
      .innerJoin('clocks', 'clocks.id', 'clock_changes.clock_id')
      .select(['clocks.rule', 'clock_changes.kind', 'clock_changes.reason'])
      .where('clocks.subject_id', '=', careId)
      .orderBy('clocks.rule')
      .execute();
    expect(history).toEqual([
      { rule: 'entrusted.contact', kind: 'stopped', reason: 'entrusted_care.left_behind_ended' },
      { rule: 'entrusted.notice', kind: 'stopped', reason: 'entrusted_care.left_behind_ended' },
    ]);
    const timeline = async () =>
      server.database.db
        .selectFrom('child_timeline')
        .select(['kind', 'details'])
        .where('child_id', '=', teen.id)
        .where('kind', '=', 'entrusted_care.left_behind_ended')
        .execute();
    expect(await timeline()).toEqual([
      {
        kind: 'entrusted_care.left_behind_ended',
        details: { leftBehindEndedOn: today(), rules: history.map((h) => h.rule) },
      },
    ]);
    // Nothing overdue afterwards, for her or up the chain, even once the escalation sweep has run.
    await clockEscalationSweep.run(server.database.db, new Date(now.getTime() + 30 * 86_400_000));
    for (const session of [director, supervisor, officer])
      expect((await dueFor(session)).some((d) => d.childId === teen.id)).toBe(false);
    const read = await json<Care & { leftBehind: boolean }>(
      await director.request('GET', `/api/children/${teen.id}/entrusted-care`),
      200,
    );
    expect(read).toMatchObject({ leftBehind: false, current: { nextContactDueAt: null, contactOverdue: false } });
    // A contact recorded later starts no clock; the sweeps run again reopen nothing.
    await json(
      await director.request('POST', `/api/entrusted-care/${careId}/contacts`, {
        contactedOn: today(),
        parent: 'father',
        channel: 'phone',
      }),
      201,
    );
    const later = new Date(now.getTime() + 7 * 86_400_000);
    await run('registry.age-out', later);
    await run('visits.schedule', later);
    expect(await run('visits.entrusted', later)).toMatchObject({ cares: 0, clocks: 0 });
    expect((await clocksOf(careId)).every((c) => c.state !== 'running')).toBe(true);
    expect(await timeline()).toHaveLength(1);
  });
});

describe('who reads a care on the file', () => {
  it('a partner shown only the identity part (a referral) gets 404; shown the family, it reads the care, audited', async () => {
    const person = await make.as('socialworker');
    const social = await make.signInAs(server.url, 'socialworker');
    const path = `/api/children/${child.id}/entrusted-care`;
    expect((await social.request('GET', path)).status).toBe(404);
    const organisation = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '荆州市童心社会工作服务中心')
      .executeTakeFirstOrThrow();
    const grant = await server.database.db
      .insertInto('child_participations')
      .values({
        child_id: child.id,
        organisation_id: organisation.id,
        basis: 'referral',
        basis_id: 'entrusted-test',
        fields: ['identity'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await social.request('GET', `/api/children/${child.id}`)).status).toBe(200);
    expect((await social.request('GET', path)).status).toBe(404);
    await server.database.db
      .updateTable('child_participations')
      .set({ fields: ['identity', 'family'] })
      .where('id', '=', grant.id)
      .execute();
    const read = await json<{ childId: string }>(await social.request('GET', path), 200);
    expect(read.childId).toBe(child.id);
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'entrusted_care.read')
      .where('child_id', '=', child.id)
      .where('actor_user_id', '=', person.id)
      .execute();
    expect(audited).toHaveLength(1);
  });
});
