import { escalationLevelOf } from '../../core/clocks/index.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { visitScheduleSweep } from '../visits/sweep.js';
import { assignDirectorsSweep } from './sweep.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
const today = shanghaiDateOf(new Date());

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Staff {
  id: string;
  version: number;
  status: string;
  childrenAssigned: number;
  postings: { divisionCode: string; toOn: string | null }[];
}
interface History {
  current: { id: string; staffId: string; reason: string } | null;
  history: { staffId: string; reason: string; endedReason: string | null }[];
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  director = await make.signInAs(server.url, 'director.chenlong');
}, 180_000);
afterAll(async () => server?.close());

describe('the grassroots roster, coverage and caseload over HTTP', () => {
  let first: Staff;
  let second: Staff;
  const children: string[] = [];
  const appoint = async (body: Record<string, unknown>) =>
    officer.request('POST', '/api/roster', {
      post: 'village_director',
      employment: 'part_time',
      appointedOn: today,
      ...body,
    });

  it('appoints a director to two villages; the villages children get them by default', async () => {
    for (const residenceCode of [places.chenlong, places.chenlong, places.shakou])
      children.push((await make.child({ residenceCode })).id);
    await sql`UPDATE children SET risk_grade = 'high' WHERE id = ${children[0]}`.execute(server.database.db);
    const village = await make.organisationNamed('chenlongVillage');
    first = await json<Staff>(
      await appoint({
        name: '陈桂兰',
        organisationId: village.id,
        divisionCodes: [places.chenlong, places.shakou],
        otherDuties: '妇女主任',
        phone: '13972001234',
        trainingHours: 12,
      }),
      201,
    );
    expect(first.childrenAssigned).toBe(3);
    expect(first.postings.map((p) => p.divisionCode).sort()).toEqual([places.chenlong, places.shakou]);
  });

  it('refuses a post that does not fit the place (400) and a place outside the jurisdiction (403)', async () => {
    const township = await make.organisationNamed('cenheTownship');
    const unfit = await appoint({
      post: 'township_supervisor',
      name: '刘建国',
      organisationId: township.id,
      divisionCodes: [places.chenlong],
    });
    expect(unfit.status).toBe(400);
    expect((await errorOf(unfit)).message).toContain(places.chenlong);
    const outside = await appoint({ name: '王芳', organisationId: township.id, divisionCodes: [places.nongli] });
    expect(outside.status).toBe(403);
  });

  it('shows the coverage gaps: a township without a supervisor, a director covering several villages', async () => {
    const coverage = await json<{
      villagesWithoutDirector: { code: string }[];
      townshipsWithoutSupervisor: { code: string; activeChildren: number }[];
      directorsCoveringSeveral: { staffId: string; villages: unknown[] }[];
      childrenWithoutDirector: number;
    }>(await officer.request('GET', '/api/roster/coverage'), 200);
    expect(coverage.villagesWithoutDirector.some((v) => v.code === places.chenlong)).toBe(false);
    expect(coverage.townshipsWithoutSupervisor.find((t) => t.code === places.cenhe)?.activeChildren).toBe(3);
    expect(coverage.directorsCoveringSeveral).toEqual([expect.objectContaining({ staffId: first.id })]);
    expect(coverage.childrenWithoutDirector).toBe(0);
  });

  it('counts each director caseload: children, high-risk, visits due this month, by county', async () => {
    await visitScheduleSweep.run(server.database.db, new Date());
    const load = await json<{
      directors: { staffId: string; childrenAssigned: number; highRisk: number; visitsDueThisMonth: number }[];
      counties: { countyCode: string; childrenAssigned: number; directors: number }[];
    }>(await officer.request('GET', '/api/roster/caseload'), 200);
    const mine = load.directors.find((d) => d.staffId === first.id)!;
    expect(mine).toMatchObject({ childrenAssigned: 3, highRisk: 1 });
    expect(mine.visitsDueThisMonth).toBeGreaterThanOrEqual(0);
    expect(load.counties).toEqual([expect.objectContaining({ countyCode: places.shashi, childrenAssigned: 3 })]);
  });

  it('a director reads neither the roster nor the caseload (403)', async () => {
    expect((await director.request('GET', '/api/roster')).status).toBe(403);
    expect((await director.request('GET', '/api/roster/caseload')).status).toBe(403);
    const village = await make.organisationNamed('chenlongVillage');
    const body = {
      post: 'village_director',
      name: '冒名',
      organisationId: village.id,
      divisionCodes: [places.chenlong],
      employment: 'part_time',
      appointedOn: today,
    };
    expect((await director.request('POST', '/api/roster', body)).status).toBe(403);
  });

  it('reassigns a child with the assignment the officer saw; a stale one is a 409', async () => {
    const village = await make.organisationNamed('chenlongVillage');
    second = await json<Staff>(
      await appoint({ name: '陈建军', organisationId: village.id, divisionCodes: [places.chenlong] }),
      201,
    );
    const before = await json<History>(await officer.request('GET', `/api/children/${children[0]}/assignment`), 200);
    const body = { staffId: second.id, reason: '就近照看', expectedAssignmentId: before.current!.id };
    const after = await json<History>(
      await officer.request('PUT', `/api/children/${children[0]}/assignment`, body),
      200,
    );
    expect(after.current).toMatchObject({ staffId: second.id, reason: 'reassigned' });
    expect(after.history[1]).toMatchObject({ staffId: first.id, endedReason: 'reassigned' });
    const stale = await officer.request('PUT', `/api/children/${children[0]}/assignment`, body);
    expect(stale.status).toBe(409);
  });

  it('refuses a stale edit of a roster entry', async () => {
    const ok = await officer.request('PATCH', `/api/roster/${first.id}`, { version: first.version, trainingHours: 20 });
    expect(ok.status).toBe(200);
    const stale = await officer.request('PATCH', `/api/roster/${first.id}`, {
      version: first.version,
      trainingHours: 30,
    });
    expect(stale.status).toBe(409);
  });

  it('a director removed from the roster loses the children: they pass to the village other director, recorded', async () => {
    const current = await json<Staff>(await officer.request('GET', `/api/roster/${first.id}`), 200);
    const removed = await json<Staff>(
      await officer.request('POST', `/api/roster/${first.id}/removal`, {
        version: current.version,
        removedOn: today,
        reason: '调任乡镇工作',
      }),
      200,
    );
    expect(removed.status).toBe('removed');
    expect(removed.childrenAssigned).toBe(0);
    expect(removed.postings.every((p) => p.toOn === today)).toBe(true);
    const chenlong = await json<History>(await officer.request('GET', `/api/children/${children[1]}/assignment`), 200);
    expect(chenlong.current).toMatchObject({ staffId: second.id, reason: 'director_removed' });
    expect(chenlong.history[1]).toMatchObject({ staffId: first.id, endedReason: 'director_removed' });
    // 沙口村 has no other director: the child is left without one, and coverage says so.
    const shakou = await json<History>(await officer.request('GET', `/api/children/${children[2]}/assignment`), 200);
    expect(shakou.current).toBeNull();
    const coverage = await json<{ villagesWithoutDirector: { code: string }[]; childrenWithoutDirector: number }>(
      await officer.request('GET', '/api/roster/coverage'),
      200,
    );
    expect(coverage.villagesWithoutDirector[0]?.code).toBe(places.shakou);
    expect(coverage.childrenWithoutDirector).toBe(1);
  });

  it('a child registered later gets the village director from the assignment sweep', async () => {
    const late = await make.child({ residenceCode: places.chenlong });
    await assignDirectorsSweep.run(server.database.db, new Date());
    const history = await json<History>(await officer.request('GET', `/api/children/${late.id}/assignment`), 200);
    expect(history.current).toMatchObject({ staffId: second.id, reason: 'residence_village' });
  });

  it('a child reassigned to another director: its open clocks follow (level kept, audited), finished ones stay', async () => {
    const db = server.database.db;
    const account = await db
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('username', '=', 'director.chenlong')
      .executeTakeFirstOrThrow();
    const third = await json<Staff>(
      await appoint({
        name: '陈小燕',
        organisationId: account.organisation_id,
        divisionCodes: [places.chenlong],
        userId: account.id,
      }),
      201,
    );
    const clock = (state: string, level: number) =>
      sql<{ id: string }>`
        WITH c AS (
        INSERT INTO clocks (rule, owner_org_id, subject_type, subject_id, child_id, division_code, started_at, due_at,
          state, stopped_at, escalation_hours)
        VALUES ('visit.routine', ${account.organisation_id}, 'visit', ${children[0]}, ${children[0]}, ${places.chenlong},
          now() - interval '40 days', now() - interval '10 days', ${state},
          CASE WHEN ${state} = 'running' THEN NULL ELSE now() - interval '20 days' END, '{24,48,72}')
        RETURNING id
        ), e AS (INSERT INTO clock_escalations (clock_id, escalation_level) SELECT id, ${level} FROM c)
        SELECT id FROM c`
        .execute(db)
        .then((r) => r.rows[0]!.id);
    const late = await clock('running', 2);
    const done = await clock('met', 0);
    const before = await json<History>(await officer.request('GET', `/api/children/${children[0]}/assignment`), 200);
    const body = { staffId: third.id, reason: '本人有账号，便于提醒', expectedAssignmentId: before.current!.id };
    await json(await officer.request('PUT', `/api/children/${children[0]}/assignment`, body), 200);
    const rows = await db
      .selectFrom('clocks')
      .select(['id', 'owner_user_id', escalationLevelOf('clocks.id'), 'state'])
      .where('id', 'in', [late, done])
      .execute();
    expect(rows.find((r) => r.id === late)).toMatchObject({
      owner_user_id: account.id,
      escalation_level: 2,
      state: 'running',
    });
    expect(rows.find((r) => r.id === done)).toMatchObject({ owner_user_id: null, state: 'met' });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'child_id', 'details'])
      .where('entity_type', '=', 'clock')
      .where('entity_id', '=', late)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'roster.reassign',
      child_id: children[0],
      details: { level: 2, reassigned: { to: { userId: account.id } } },
    });
  });

  it('a director removed from the roster: the children’s visit and assessment clocks follow them in bulk', async () => {
    const db = server.database.db;
    const village = await make.organisationNamed('chenlongVillage');
    const township = await make.organisationNamed('cenheTownship');
    const account = await db
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('username', '=', 'director.chenlong')
      .executeTakeFirstOrThrow();
    const third = (
      await json<{ items: (Staff & { name: string })[] }>(await officer.request('GET', '/api/roster'), 200)
    ).items.find((s) => s.name === '陈小燕')!;
    const clock = (subjectType: 'visit' | 'assessment', childId: string, orgId: string, userId: string | null) =>
      sql<{ id: string }>`
        WITH c AS (
        INSERT INTO clocks (rule, owner_org_id, owner_user_id, subject_type, subject_id, child_id, division_code,
          started_at, due_at, state, escalation_hours)
        VALUES (${subjectType === 'visit' ? 'visit.routine' : 'assessment.periodic'}, ${orgId}, ${userId},
          ${subjectType}, ${childId}, ${childId}, ${places.chenlong}, now() - interval '40 days',
          now() - interval '3 days', 'running', '{24,48,72}')
        RETURNING id
        ), e AS (INSERT INTO clock_escalations (clock_id, escalation_level) SELECT id, 1 FROM c)
        SELECT id FROM c`
        .execute(db)
        .then((r) => r.rows[0]!.id);
    const assessment = await clock('assessment', children[0]!, account.organisation_id, account.id);
    const owned = await db
      .selectFrom('clocks')
      .select('id')
      .where('child_id', '=', children[0]!)
      .where('owner_user_id', '=', account.id)
      .where('state', '=', 'running')
      .execute();
    expect(owned.length).toBeGreaterThanOrEqual(2);
    // 沙口村's child, without a director since 陈桂兰 left, holds a clock of the township's.
    const gap = await clock('visit', children[2]!, township.id, null);
    await json(
      await officer.request('POST', `/api/roster/${third.id}/removal`, {
        version: third.version,
        removedOn: today,
        reason: '外出务工',
      }),
      200,
    );
    const moved = await db
      .selectFrom('clocks')
      .select(['id', 'owner_org_id', 'owner_user_id', escalationLevelOf('clocks.id'), 'state'])
      .where(
        'id',
        'in',
        owned.map((o) => o.id),
      )
      .execute();
    // 陈建军 (no account, the village committee's) answers for the child now: both kinds of clock are his.
    for (const row of moved)
      expect(row).toMatchObject({ owner_org_id: village.id, owner_user_id: null, state: 'running' });
    expect(moved.some((r) => r.id === assessment && r.escalation_level === 1)).toBe(true);
    const audited = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity_type', '=', 'clock')
      .where('action', '=', 'roster.remove')
      .where(
        'entity_id',
        'in',
        owned.map((o) => o.id),
      )
      .execute();
    expect(audited).toHaveLength(owned.length);
    // A new director of 沙口村: the child gets her, and the township's clock goes to her.
    const shakouDirector = await json<Staff>(
      await appoint({ name: '沙春梅', organisationId: village.id, divisionCodes: [places.shakou] }),
      201,
    );
    expect(shakouDirector.childrenAssigned).toBe(1);
    const followed = await db
      .selectFrom('clocks')
      .select(['owner_org_id', 'owner_user_id'])
      .where('id', '=', gap)
      .executeTakeFirstOrThrow();
    expect(followed).toEqual({ owner_org_id: village.id, owner_user_id: null });
  });
});
