import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWithRole } from '../../../test/support/accounts.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';

// Issue 12: the rescue station kept the child's file after the child was transferred.
let server: TestServer;
let childId: string;
let reportId: string;
let caseId: string;
let officer: ApiSession;
let station: ApiSession;
let centre: ApiSession;
let make: Factories;
const org = async (name: string) =>
  (await server.database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow())
    .id;

beforeAll(async () => {
  // The organisations of 荆州 a placement moves between, made by the factories (no demo).
  server = await startTestServer();
  make = factories(server.database.db);
  for (const organisation of ['shashiPolice', 'cenheTownship', 'rescueStation'] as const)
    await make.organisationNamed(organisation);
  await make.organisation({
    name: '荆州市儿童福利院',
    kind: 'child_welfare_home',
    divisionCode: places.jingzhou,
    parentId: (await make.organisationNamed('cityCivilAffairs')).id,
  });
  childId = (
    await server.database.db
      .insertInto('children')
      .values({
        name: '周小安',
        sex: 'male',
        birth_date: '2015-03-01',
        residence_code: places.chenlong,
        hukou_code: places.chenlong,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  centre = await make.signInAs(server.url, 'staff.centre');
  station = await accountWithRole(server.url, server.database.db, {
    username: 'staff.station',
    organisationName: '荆州市救助管理站',
    role: 'institution_staff',
  });
  const director = await make.signInAs(server.url, 'director.chenlong');
  const report = await director.request('POST', '/api/reports', {
    channel: 'staff',
    situations: [8],
    description: '孩子在车站流浪',
    childId,
    divisionCode: places.chenlong,
    immediateDanger: true,
  });
  expect(report.status, await report.clone().text()).toBe(201);
  reportId = ((await report.json()) as { id: string }).id;
  const opened = await officer.request('POST', '/api/cases', { reportIds: [reportId], childId });
  expect(opened.status, await opened.clone().text()).toBe(201);
  caseId = ((await opened.json()) as { id: string }).id;
}, 120_000);
afterAll(async () => server.close());

async function act(body: Record<string, unknown>, by: ApiSession = officer): Promise<void> {
  const { seq } = (await (await officer.request('GET', `/api/cases/${caseId}`)).json()) as { seq: number };
  const response = await by.request('POST', `/api/cases/${caseId}/actions`, { ...body, expectedSeq: seq });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** What the organisation's staff reach of this child: the file, the list, the case, the report. */
async function reach(session: ApiSession) {
  const list = (await (await session.request('GET', '/api/children?pageSize=100')).json()) as {
    items: { id: string }[];
  };
  return {
    file: (await session.request('GET', `/api/children/${childId}`)).status,
    listed: list.items.some((c) => c.id === childId),
    case: (await session.request('GET', `/api/cases/${caseId}`)).status,
    report: (await session.request('GET', `/api/reports/${reportId}`)).status,
  };
}
const holds = { file: 200, listed: true, case: 200, report: 200 };
const gone = { file: 404, listed: false, case: 404, report: 404 };
const placement = async (kind: string, name: string) => ({
  kind,
  organisationId: await org(name),
  where: name,
  why: '安置',
});

describe('a placement moves on', () => {
  it('the rescue station holds the child while it is there', async () => {
    expect(await reach(station)).toEqual(gone);
    await act({
      type: 'emergency_response',
      attendedBy: ['赵国栋'],
      attendedAt: new Date().toISOString(),
      childSafe: true,
      measures: [],
      placement: await placement('rescue_station', '荆州市救助管理站'),
      townshipNotified: true,
    });
    expect(await reach(station)).toEqual(holds);
  });

  it('after the transfer to the protection centre the station reaches nothing of the child; the centre does', async () => {
    await act({
      type: 'guardianship_intervention',
      intervention: {
        measure: 'temporary_state_guardianship',
        ground: 'begging_or_unknown_identity',
        startedOn: '2026-11-01',
        placement: await placement('minor_protection_centre', '荆州市未成年人救助保护中心'),
      },
    });
    expect(await reach(station)).toEqual(gone);
    expect(await reach(centre)).toEqual(holds);
    // The lead keeps its own.
    expect(await reach(officer)).toEqual(holds);
  });

  it('a long-term placement elsewhere ends the centre’s access; closing and reopening the case gives neither back', async () => {
    await act({
      type: 'assessment',
      scores: {
        safety: 3,
        guardianship_capacity: 3,
        physical_health: 1,
        mental_health: 2,
        education: 1,
        living_conditions: 2,
      },
    });
    await act({
      type: 'guardianship_intervention',
      intervention: {
        measure: 'long_term_state_guardianship',
        basis: 'guardianship_revoked',
        startedOn: '2026-12-01',
        placement: await placement('welfare_home', '荆州市儿童福利院'),
      },
    });
    expect(await reach(centre)).toEqual(gone);
    await act({ type: 'request_closure', reason: '已长期安置', outcome: '福利院长期监护' });
    await act({ type: 'approve_closure' }, await make.signInAs(server.url, 'supervisor.cenhe'));
    await act({ type: 'reopen', reason: '复查' });
    expect(await reach(station)).toEqual(gone);
    expect(await reach(centre)).toEqual(gone);
    const welfare = await server.database.db
      .selectFrom('child_participations')
      .select('basis')
      .where('child_id', '=', childId)
      .where('organisation_id', '=', await org('荆州市儿童福利院'))
      .where('ended_at', 'is', null)
      .orderBy('basis')
      .execute();
    // One grant for working the case, one for holding the child (the placements feature's episode).
    expect(welfare.map((w) => w.basis)).toEqual(['case', 'placement']);
    const episodes = await server.database.db
      .selectFrom('placements')
      .select(['kind', 'ended_at'])
      .where('child_id', '=', childId)
      .orderBy('started_at')
      .execute();
    expect(episodes.map((e) => [e.kind, e.ended_at === null])).toEqual([
      ['rescue_station', false],
      ['protection_centre', false],
      ['welfare_home', true],
    ]);
  });
});

describe('who places a child from a case (DOMAIN §3: police in an emergency, civil affairs for state guardianship)', () => {
  it('a social worker on the case records the emergency response but may not place the child: 403, nothing written', async () => {
    const boy = await make.child({ residenceCode: places.chenlong, name: '吴小北' });
    const director = await make.signInAs(server.url, 'director.chenlong');
    const report = (await (
      await director.request('POST', '/api/reports', {
        channel: 'staff',
        situations: [6],
        description: '孩子独自在家多日',
        childId: boy.id,
        divisionCode: places.chenlong,
        immediateDanger: true,
      })
    ).json()) as { id: string };
    const opened = (await (
      await officer.request('POST', '/api/cases', { reportIds: [report.id], childId: boy.id })
    ).json()) as { id: string; seq: number };
    const social = await make.signInAs(server.url, 'socialworker');
    const socialOrg = (await make.organisationNamed('socialWorkA')).id;
    const added = await officer.request('POST', `/api/cases/${opened.id}/actions`, {
      type: 'add_participant',
      organisationId: socialOrg,
      expectedSeq: opened.seq,
    });
    expect(added.status, await added.clone().text()).toBe(200);
    const seq = ((await (await social.request('GET', `/api/cases/${opened.id}`)).json()) as { seq: number }).seq;
    const response = {
      type: 'emergency_response',
      attendedBy: ['社工 王芳'],
      attendedAt: new Date().toISOString(),
      childSafe: true,
      measures: [],
      townshipNotified: true,
      expectedSeq: seq,
    };
    const placing = await social.request('POST', `/api/cases/${opened.id}/actions`, {
      ...response,
      placement: await placement('rescue_station', '荆州市救助管理站'),
    });
    expect(placing.status).toBe(403);
    expect(await placing.text()).toContain('placements.act');
    const after = (await (await social.request('GET', `/api/cases/${opened.id}`)).json()) as { seq: number };
    expect(after.seq).toBe(seq);
    const placements = await server.database.db
      .selectFrom('placements')
      .select('id')
      .where('child_id', '=', boy.id)
      .execute();
    expect(placements).toEqual([]);
    // The same response without a placement is theirs to record.
    const recorded = await social.request('POST', `/api/cases/${opened.id}/actions`, response);
    expect(recorded.status, await recorded.clone().text()).toBe(200);
  });
});
