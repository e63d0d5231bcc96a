import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { visitScheduleSweep } from '../visits/sweep.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
let directorStaff: { id: string; version: number };
let idleStaff: { id: string };
const children: TestChild[] = [];
const today = shanghaiDateOf(new Date());
const year = Number(today.slice(0, 4));

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Appraisal {
  indicators: Record<string, number | null>;
  suggestedRating: string;
  recorded: { rating: string; version: number } | null;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  const person = await make.as('director.chenlong');
  officer = await make.signInAs(server.url, 'officer.shashi');
  director = await make.signInAs(server.url, 'director.chenlong');
  children.push(
    await make.child({ residenceCode: places.chenlong }),
    await make.child({ residenceCode: places.chenlong }),
  );
  const village = await make.organisationNamed('chenlongVillage');
  const shakou = await make.organisationNamed('shakouVillage');
  directorStaff = await json(
    await officer.request('POST', '/api/roster', {
      post: 'village_director',
      name: '陈桂兰',
      userId: person.id,
      organisationId: village.id,
      divisionCodes: [places.chenlong],
      employment: 'part_time',
      appointedOn: today,
    }),
    201,
  );
  idleStaff = await json(
    await officer.request('POST', '/api/roster', {
      post: 'village_director',
      name: '沙口主任',
      organisationId: shakou.id,
      divisionCodes: [places.shakou],
      employment: 'part_time',
      appointedOn: today,
    }),
    201,
  );
}, 180_000);
afterAll(async () => server?.close());

describe('training, records and the yearly assessment of the grassroots team', () => {
  it('records a training session with attendance; a retried POST is one session; an unknown attendee is a 400', async () => {
    const city = await make.organisationNamed('shashiCivilAffairs');
    const body = {
      topic: '儿童主任岗位培训：入户随访与强制报告',
      heldOn: today,
      hours: 6,
      trainer: '荆州市未成年人保护中心',
      organisationId: city.id,
      divisionCode: places.shashi,
      certificate: '儿童主任培训合格证',
      attendees: [{ staffId: directorStaff.id, certificateNo: 'JZ-2026-001' }],
    };
    const headers = { 'idempotency-key': `training-${directorStaff.id}` };
    const made = await json<{ id: string; attendees: { name: string }[] }>(
      await officer.request('POST', '/api/training', body, headers),
      201,
    );
    expect(made.attendees.map((a) => a.name)).toEqual(['陈桂兰']);
    const again = await json<{ id: string }>(await officer.request('POST', '/api/training', body, headers), 201);
    expect(again.id).toBe(made.id);
    expect((await json<{ items: unknown[] }>(await officer.request('GET', '/api/training'), 200)).items).toHaveLength(
      1,
    );
    const unknown = await officer.request('POST', '/api/training', {
      ...body,
      attendees: [{ staffId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknown.status).toBe(400);
    expect((await director.request('POST', '/api/training', body)).status).toBe(403);
  });

  it('shows who was never trained and who is overloaded', async () => {
    const status = await json<{
      items: { staffId: string; neverTrained: boolean; sessionHours: number; overloaded: boolean }[];
    }>(await officer.request('GET', '/api/training/status'), 200);
    expect(status.items.find((i) => i.staffId === directorStaff.id)).toMatchObject({
      neverTrained: false,
      sessionHours: 6,
      overloaded: false,
    });
    expect(status.items.find((i) => i.staffId === idleStaff.id)?.neverTrained).toBe(true);
  });

  it('computes the yearly assessment from the recorded visits: one on time, one child never visited and overdue', async () => {
    await make.familyMember(children[0]!, { relation: 'grandmother', isGuardian: true });
    await server.database.db
      .updateTable('children')
      .set({ address: '陈龙村二组5号' })
      .where('id', '=', children[0]!.id)
      .execute();
    await server.database.db.updateTable('children').set({ address: null }).where('id', '=', children[1]!.id).execute();
    await visitScheduleSweep.run(server.database.db, new Date());
    await json(await director.request('POST', '/api/visits', { childId: children[0]!.id, visitedOn: today }), 201);
    // The other child's first visit is already late.
    await server.database.db
      .updateTable('clocks')
      .set({ due_at: new Date(Date.now() - 3_600_000) })
      .where('child_id', '=', children[1]!.id)
      .where('rule', '=', 'visit.first')
      .execute();
    const appraisal = await json<Appraisal>(
      await officer.request('GET', `/api/roster/${directorStaff.id}/appraisal?year=${year}`),
      200,
    );
    expect(appraisal.indicators).toMatchObject({
      visitsOnTime: 1,
      visitsOverdue: 1,
      visitsOnTimeRate: 0.5,
      visitsRecorded: 1,
      childrenAssigned: 2,
      childrenWithoutVisit: 1,
      // One file has a guardian with a phone on it and its address: its ledger row is complete.
      ledgerComplete: 1,
      ledgerCompleteRate: 0.5,
      trainingHours: 6,
    });
    expect(appraisal.suggestedRating).toBe('incompetent');
  });

  it('records subsidies and accountability, and the rating with a stale version refused', async () => {
    await json(
      await officer.request('POST', `/api/roster/${directorStaff.id}/records`, {
        kind: 'subsidy',
        decidedOn: today,
        amount: 600,
        reason: '儿童主任工作补贴（上半年）',
      }),
      201,
    );
    const first = await json<Appraisal>(
      await officer.request('PUT', `/api/roster/${directorStaff.id}/appraisal`, {
        year,
        rating: 'basically_competent',
      }),
      200,
    );
    expect(first.recorded).toMatchObject({ rating: 'basically_competent', version: 1 });
    expect(first.indicators.subsidies).toBe(1);
    const replaced = await officer.request('PUT', `/api/roster/${directorStaff.id}/appraisal`, {
      year,
      rating: 'competent',
      version: 1,
    });
    expect(replaced.status).toBe(200);
    const stale = await officer.request('PUT', `/api/roster/${directorStaff.id}/appraisal`, {
      year,
      rating: 'excellent',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await director.request('GET', `/api/roster/${directorStaff.id}/appraisal`)).status).toBe(403);
  });
});
