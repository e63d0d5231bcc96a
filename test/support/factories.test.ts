import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../src/features/registry/id-number.js';
import { factories, places, signIn } from './factories.js';
import { startTestServer, type TestServer } from './server.js';
import { errorOf } from './session.js';

let server: TestServer;
let make: ReturnType<typeof factories>;
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
});
afterAll(async () => server?.close());

describe('test factories', () => {
  it('register children with real, valid ID numbers that agree with birth date, sex and county', async () => {
    const first = await make.child();
    const second = await make.child({ residenceCode: places.nongli });
    for (const child of [first, second]) {
      const parsed = parseIdNumber(child.fullIdNumber ?? '');
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.id.birthDate).toBe(child.birthDate);
      expect(parsed.id.sex).toBe(child.sex);
      expect(parsed.id.divisionCode).toBe(child.residenceCode.slice(0, 6));
    }
    expect(second.residenceCode).toBe(places.nongli);
    expect(first.name).not.toBe(second.name);
  });

  it('are deterministic: a second set over another database makes the same first child', async () => {
    const other = await startTestServer();
    try {
      const again = await factories(other.database.db).child();
      const firstHere = await server.database.db
        .selectFrom('children')
        .select(['name', 'id_number'])
        .orderBy('file_no')
        .executeTakeFirstOrThrow();
      expect([again.name, again.fullIdNumber]).toEqual([firstHere.name, firstHere.id_number]);
    } finally {
      await other.close();
    }
  });

  it('go through the API’s validation: a child outside any village is refused as the API refuses it', async () => {
    await expect(make.child({ residenceCode: places.shashi })).rejects.toMatchObject({
      code: 'registry.residence_not_village',
    });
  });

  it('make people who sign in over HTTP, enrolling an authenticator and changing the password the first time', async () => {
    const officer = await make.person('civil_affairs_officer');
    const first = await signIn(server.url, officer);
    expect(officer.totpSecret).not.toBeNull();
    const me = (await (await first.request('GET', '/api/auth/me')).json()) as { needs: string | null; roles: string[] };
    expect(me).toMatchObject({ needs: null, roles: ['civil_affairs_officer'] });
    // Second sign-in: the chosen password and the enrolled authenticator.
    const again = await signIn(server.url, officer);
    expect((await again.request('GET', '/api/children')).status).toBe(200);
  });

  it('give each role its scope: an officer of 沙市区 sees a child of 陈龙村 and not one of 农利村', async () => {
    const inShashi = await make.child({ residenceCode: places.chenlong });
    const inGongan = await make.child({ residenceCode: places.nongli });
    const officer = await make.signedIn(server.url, 'civil_affairs_officer');
    expect((await officer.request('GET', `/api/children/${inShashi.id}`)).status).toBe(200);
    const refused = await officer.request('GET', `/api/children/${inGongan.id}`);
    expect(refused.status).toBe(404);
    expect((await errorOf(refused)).code).toBe('not_found');
  });

  it('open a case from a report through the workflow, and act on it', async () => {
    const child = await make.child();
    const officer = await make.person('civil_affairs_officer');
    const report = await make.report(officer, { childId: child.id });
    const kase = await make.openCase(officer, { reportIds: [report.id], childId: child.id });
    expect(kase).toMatchObject({ status: 'reported', child: { id: child.id } });
    const acknowledged = await make.act(officer, kase, { type: 'acknowledge' });
    expect(acknowledged.seq).toBe(kase.seq + 1);
    expect(acknowledged.status).not.toBe('reported');
  });
});
