import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import type { ChildFacts, FactsChangedDetails } from '../../contract/visits/visits.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { currentFactsIn, differingFacts } from './facts.js';

// An offline form sends the child's facts it was started from (`seenFacts`); the server compares them
// field by field with the file now. The county officer (who manages the roster) may record any visit in scope.
let server: TestServer;
let make: Factories;
let officer: ApiSession;
let child: TestChild;
const today = () => shanghaiDateOf(new Date());

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  child = await make.child({ residenceCode: places.chenlong, birthDate: '2015-03-01' });
  await sql`UPDATE children SET school = '陈垄村小学', grade = '四年级', risk_grade = 'medium_low' WHERE id = ${child.id}`.execute(
    server.database.db,
  );
  await server.database.db
    .insertInto('family_members')
    .values({ child_id: child.id, relation: 'grandmother', is_guardian: true, name: '王秀英' })
    .execute();
  officer = await make.signInAs(server.url, 'officer.shashi');
}, 180_000);
afterAll(async () => server?.close());

const visitsToday = async () =>
  (
    (await (await officer.request('GET', `/api/visits?childId=${child.id}`)).json()) as {
      items: { id: string; visitedOn: string }[];
    }
  ).items.filter((v) => v.visitedOn === today());

describe('the child’s facts an offline visit was recorded against', () => {
  it('compares field by field, blanks and nulls alike', () => {
    const seen: ChildFacts = {
      school: '陈垄村小学',
      grade: '四年级',
      guardians: '王秀英',
      carer: null,
      riskGrade: 'medium_low',
    };
    expect(differingFacts(seen, { ...seen, carer: '' })).toEqual([]);
    expect(differingFacts(seen, { ...seen, grade: '五年级', riskGrade: 'high' })).toEqual([
      { field: 'grade', seen: '四年级', current: '五年级' },
      { field: 'riskGrade', seen: 'medium_low', current: 'high' },
    ]);
  });

  it('no change on the server: recorded, no conflict', async () => {
    const seenFacts = await currentFactsIn(server.database.db, child.id);
    expect(seenFacts).toEqual({
      school: '陈垄村小学',
      grade: '四年级',
      guardians: '王秀英',
      carer: null,
      riskGrade: 'medium_low',
    });
    const response = await officer.request('POST', '/api/visits', { childId: child.id, visitedOn: today(), seenFacts });
    expect(response.status).toBe(201);
  });

  it('one field changed on the server: 409 naming that field (seen, current), nothing stored; the resend with the facts now seen records one visit', async () => {
    const seenFacts = await currentFactsIn(server.database.db, child.id);
    const before = (await visitsToday()).length;
    // Meanwhile the file changes: the child moved up a grade.
    await sql`UPDATE children SET grade = '五年级' WHERE id = ${child.id}`.execute(server.database.db);
    const queued = { childId: child.id, visitedOn: today(), schooling: '四年级，成绩中等', seenFacts };
    const refused = await officer.request('POST', '/api/visits', queued, { 'idempotency-key': 'offline-facts-0001' });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    const details = error.details as unknown as FactsChangedDetails;
    expect(error.code).toBe('visits.facts_changed');
    expect(details.fields).toEqual([{ field: 'grade', seen: '四年级', current: '五年级' }]);
    expect(details.current.grade).toBe('五年级');
    expect(error.message).toContain('年级');
    const english = await officer.request('POST', '/api/visits', queued, { 'accept-language': 'en' });
    expect((await errorOf(english)).message).toContain('grade');
    expect(await visitsToday()).toHaveLength(before);
    // The director chose; the resend (same key: the refusal stored nothing) is recorded, and once on a replay.
    const resolved = { ...queued, schooling: '五年级，成绩中等', seenFacts: details.current };
    const first = await officer.request('POST', '/api/visits', resolved, { 'idempotency-key': 'offline-facts-0001' });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const replay = await officer.request('POST', '/api/visits', resolved, { 'idempotency-key': 'offline-facts-0001' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(id);
    expect((await visitsToday()).filter((v) => v.id === id)).toHaveLength(1);
    expect(await visitsToday()).toHaveLength(before + 1);
  });

  it('a guardian added on the file is a changed fact too', async () => {
    const seenFacts = await currentFactsIn(server.database.db, child.id);
    await server.database.db
      .insertInto('family_members')
      .values({ child_id: child.id, relation: 'grandfather', is_guardian: true, name: '李德明' })
      .execute();
    const refused = await officer.request('POST', '/api/visits', { childId: child.id, visitedOn: today(), seenFacts });
    expect(((await errorOf(refused)).details as unknown as FactsChangedDetails).fields).toEqual([
      { field: 'guardians', seen: '王秀英', current: '李德明、王秀英' },
    ]);
  });
});
