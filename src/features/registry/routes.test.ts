import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, signInAs } from '../../../test/support/session.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server.close());

interface ChildList {
  items: { id: string; name: string; idNumber: string; masked: boolean }[];
  total: number;
}

async function childrenSeenBy(username: string) {
  const session = await signInAs(server.url, username);
  const response = await session.request('GET', '/api/children?pageSize=100');
  return { session, response, list: response.status === 200 ? ((await response.json()) as ChildList) : undefined };
}

describe("who sees which child's file", () => {
  it('a village director sees only the village, with masked ID numbers', async () => {
    const { list } = await childrenSeenBy('director.chenlong');
    expect(list?.items.map((c) => c.name).sort()).toEqual(['李小雨', '李明轩']);
    expect(list?.items.every((c) => c.masked && /^\d{4}\*{10}[\dX]{4}$/.test(c.idNumber))).toBe(true);
  });

  it('a county officer sees the county and nothing of the next county', async () => {
    const shashi = await childrenSeenBy('officer.shashi');
    expect(shashi.list?.total).toBe(4);
    const gongan = await childrenSeenBy('officer.gongan');
    expect(gongan.list?.items.map((c) => c.name).sort()).toEqual(['周子豪', '刘一诺', '陈思琪', '黄俊'].sort());
    const outside = gongan.list!.items[0]!.id;
    const refused = await shashi.session.request('GET', `/api/children/${outside}`);
    expect(refused.status).toBe(404);
    expect((await errorOf(refused)).code).toBe('not_found');
    const denied = await server.database.db.selectFrom('audit_log').select(['outcome', 'entity_id']).where('action', '=', 'children.read').where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.entity_id)).toContain(outside);
  });

  it('an organisation outside the jurisdiction sees a child once it takes part in the case', async () => {
    const { list } = await childrenSeenBy('officer.gongan');
    const child = list!.items[0]!;
    const social = await signInAs(server.url, 'socialworker');
    expect((await social.request('GET', `/api/children/${child.id}`)).status).toBe(404);
    const organisation = await server.database.db.selectFrom('organisations').select('id').where('name', '=', '荆州市童心社会工作服务中心').executeTakeFirstOrThrow();
    await server.database.db.insertInto('child_participations').values({ child_id: child.id, organisation_id: organisation.id, basis: 'referral', basis_id: 'test' }).execute();
    expect((await social.request('GET', `/api/children/${child.id}`)).status).toBe(200);
  });

  it('the analyst sees no names at all', async () => {
    const { response } = await childrenSeenBy('analyst');
    expect(response.status).toBe(403);
  });

  it('unmasking needs the permission and is audited as its own read', async () => {
    const director = await signInAs(server.url, 'director.chenlong');
    const first = ((await (await director.request('GET', '/api/children')).json()) as ChildList).items[0]!;
    const stillMasked = (await (await director.request('GET', `/api/children/${first.id}?unmask=true`)).json()) as { idNumber: string; masked: boolean };
    expect(stillMasked.masked).toBe(true);
    const officer = await signInAs(server.url, 'officer.shashi');
    const full = (await (await officer.request('GET', `/api/children/${first.id}?unmask=true`)).json()) as { idNumber: string; masked: boolean };
    expect(full).toMatchObject({ masked: false, idNumber: expect.stringMatching(/^421002\d{11}[\dX]$/) });
    const reads = await server.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('child_id', '=', first.id).execute();
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['children.read', 'children.read_unmasked']));
  });

  it('an API token reaches only what its scopes allow, and not once revoked', async () => {
    const admin = await signInAs(server.url, 'officer.city');
    // officer.city holds children.read but not tokens.manage: creating a token is refused.
    expect((await admin.request('POST', '/api/tokens', { name: 'x', scopes: ['children.read'], expiresInDays: 30 })).status).toBe(403);
    const sysadmin = await signInAs(server.url, 'admin');
    const beyond = await sysadmin.request('POST', '/api/tokens', { name: 'x', scopes: ['children.read'], expiresInDays: 30 });
    expect((await errorOf(beyond)).code).toBe('tokens.scope_not_held');
    const created = (await (await sysadmin.request('POST', '/api/tokens', { name: 'directory sync', scopes: ['organisations.read'], expiresInDays: 30 })).json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await fetch(`${server.url}/api/children`, { headers: bearer })).status).toBe(403);
    expect((await fetch(`${server.url}/api/roles`, { headers: bearer })).status).toBe(200);
    expect((await sysadmin.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    const revoked = await fetch(`${server.url}/api/roles`, { headers: bearer });
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).code).toBe('token_invalid');
  });
});
