import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
// The people and children this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const children = new Map<string, string>();
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  for (const [name, residenceCode] of [
    ['李小雨', places.chenlong],
    ['李明轩', places.chenlong],
    ['张浩然', places.shakou],
    ['王梓涵', places.shakou],
    ['周子豪', places.nongli],
    ['黄俊', places.heyi],
  ] as const)
    children.set(name, (await make.child({ name, residenceCode })).id);
});
afterAll(async () => server.close());

async function childId(name: string): Promise<string> {
  const id = children.get(name);
  if (!id) throw new Error(`no child ${name} in this file`);
  return id;
}

interface FileView {
  id: string;
  name: string;
  idNumber: string;
  masked: boolean;
  havenCode: string;
  provisionalIdentity: boolean;
  residence: { name: string; path: { name: string }[] };
  allowedActions: string[];
}

// The list of children (with search) is tested in search/; here: the single file and its scope.
describe("who sees which child's file", () => {
  it('a village director opens the village’s children with masked ID numbers, and nothing of the next village', async () => {
    const director = await signInAs(server.url, 'director.chenlong');
    const own = await director.request('GET', `/api/children/${await childId('李小雨')}`);
    expect(own.status).toBe(200);
    const file = (await own.json()) as FileView;
    expect(file).toMatchObject({
      name: '李小雨',
      masked: true,
      provisionalIdentity: false,
      havenCode: expect.stringMatching(/^HV\d{10}$/),
    });
    expect(file.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(file.residence.path.map((d) => d.name)).toEqual(expect.arrayContaining(['湖北省', '荆州市', '沙市区']));
    expect(file.allowedActions).toEqual(expect.arrayContaining(['edit', 'addFamily', 'decideCategory']));
    expect(file.allowedActions).not.toContain('unmask');
    expect((await director.request('GET', `/api/children/${await childId('张浩然')}`)).status).toBe(404);
  });

  it('a county officer sees the county and nothing of the next county; the refusal is audited', async () => {
    const shashi = await signInAs(server.url, 'officer.shashi');
    expect((await shashi.request('GET', `/api/children/${await childId('王梓涵')}`)).status).toBe(200);
    const outside = await childId('黄俊');
    const refused = await shashi.request('GET', `/api/children/${outside}`);
    expect(refused.status).toBe(404);
    expect((await errorOf(refused)).code).toBe('not_found');
    const denied = await server.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'entity_id'])
      .where('action', '=', 'children.read')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.entity_id)).toContain(outside);
    const gongan = await signInAs(server.url, 'officer.gongan');
    expect((await gongan.request('GET', `/api/children/${outside}`)).status).toBe(200);
  });

  it('an organisation outside the jurisdiction sees a child once it takes part in the case', async () => {
    const id = await childId('周子豪');
    const social = await signInAs(server.url, 'socialworker');
    expect((await social.request('GET', `/api/children/${id}`)).status).toBe(404);
    const organisation = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '荆州市童心社会工作服务中心')
      .executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('child_participations')
      .values({ child_id: id, organisation_id: organisation.id, basis: 'referral', basis_id: 'test' })
      .execute();
    expect((await social.request('GET', `/api/children/${id}`)).status).toBe(200);
  });

  it('the analyst sees no names at all', async () => {
    const analyst = await signInAs(server.url, 'analyst');
    expect((await analyst.request('GET', `/api/children/${await childId('李小雨')}`)).status).toBe(403);
  });

  it('unmasking needs the permission and is audited as its own read', async () => {
    const id = await childId('李明轩');
    const director = await signInAs(server.url, 'director.chenlong');
    const stillMasked = (await (await director.request('GET', `/api/children/${id}?unmask=true`)).json()) as FileView;
    expect(stillMasked.masked).toBe(true);
    const officer = await signInAs(server.url, 'officer.shashi');
    const full = (await (await officer.request('GET', `/api/children/${id}?unmask=true`)).json()) as FileView;
    expect(full).toMatchObject({ masked: false, idNumber: expect.stringMatching(/^421002\d{11}[\dX]$/) });
    expect(full.allowedActions).not.toContain('unmask');
    const reads = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('child_id', '=', id)
      .execute();
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['children.read', 'children.read_unmasked']));
  });

  it('an API token reaches only what its scopes allow, and not once revoked', async () => {
    const admin = await signInAs(server.url, 'officer.city');
    // officer.city holds children.read but not tokens.manage: creating a token is refused.
    expect(
      (await admin.request('POST', '/api/tokens', { name: 'x', scopes: ['children.read'], expiresInDays: 30 })).status,
    ).toBe(403);
    const sysadmin = await signInAs(server.url, 'admin');
    const beyond = await sysadmin.request('POST', '/api/tokens', {
      name: 'x',
      scopes: ['children.read'],
      expiresInDays: 30,
    });
    expect((await errorOf(beyond)).code).toBe('tokens.scope_not_held');
    const created = (await (
      await sysadmin.request('POST', '/api/tokens', {
        name: 'directory sync',
        scopes: ['organisations.read'],
        expiresInDays: 30,
      })
    ).json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await fetch(`${server.url}/api/children/${await childId('李小雨')}`, { headers: bearer })).status).toBe(
      403,
    );
    expect((await fetch(`${server.url}/api/roles`, { headers: bearer })).status).toBe(200);
    expect((await sysadmin.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    const revoked = await fetch(`${server.url}/api/roles`, { headers: bearer });
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).code).toBe('token_invalid');
  });
});
