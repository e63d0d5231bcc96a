import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, signInAs } from '../../../test/support/session.js';

let server: TestServer;
let officer: ApiSession;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  officer = await signInAs(server.url, 'officer.shashi');
}, 300_000);
afterAll(async () => server?.close());

describe('the demo guardianship assessments and training', () => {
  it('puts 张浩然 "guardianship missing" in the work of 沙市区 civil affairs; 李明轩 has a corrected assessment', async () => {
    const work = (await (await officer.request('GET', '/api/my-work')).json()) as {
      guardianshipMissing: { childName: string }[];
    };
    expect(work.guardianshipMissing.map((i) => i.childName)).toEqual(['张浩然']);
    const child = await server.database.db
      .selectFrom('children')
      .select(['id', 'risk_grade'])
      .where('name', '=', '李明轩')
      .where('id', 'in', (eb) => eb.selectFrom('guardianship_assessments').select('child_id'))
      .executeTakeFirstOrThrow();
    expect(child.risk_grade).toBe('medium_low');
    const list = (await (await officer.request('GET', `/api/children/${child.id}/assessments`)).json()) as {
      items: { grade: string; version: number; revisions: number }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ grade: 'insufficient', version: 2, revisions: 1 })]);
  });

  it('has the training sessions of the area with their attendance', async () => {
    const training = (await (await officer.request('GET', '/api/training')).json()) as {
      items: { attendees: { name: string }[] }[];
    };
    expect(training.items).toHaveLength(1);
    expect(training.items[0]!.attendees.map((a) => a.name).sort()).toEqual(['张秀英', '李桂兰'].sort());
  });
});
