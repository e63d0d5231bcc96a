import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { systemActor } from '../../platform/access/actor.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';
import { decideRoleGrant } from './role-grant-decisions.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
let admin: ApiSession;
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.cast('admin', 'analyst', 'auditor', 'officer.city', 'officer.shashi', 'reporter.school');
  await make.organisationNamed('chenlongVillage');
  admin = await signInAs(server.url, 'admin');
});
afterAll(async () => server.close());

async function userOf(username: string) {
  return server.database.db
    .selectFrom('users')
    .select(['id', 'version', 'organisation_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

async function rolesOf(username: string) {
  const { id } = await userOf(username);
  return (
    await server.database.db
      .selectFrom('user_roles')
      .select('role_code')
      .where('user_id', '=', id)
      .orderBy('role_code')
      .execute()
  ).map((r) => r.role_code);
}

async function putRoles(session: ApiSession, username: string, roles: string[]) {
  const user = await userOf(username);
  return session.request('PUT', `/api/users/${user.id}/roles`, { roles, version: user.version });
}

/** A token recorded directly, as one minted by `username` with these scopes. */
async function tokenOf(username: string, scopes: string[]) {
  const user = await userOf(username);
  const secret = randomToken('hv_');
  await server.database.db
    .insertInto('api_tokens')
    .values({
      name: `${username}-token`,
      token_hash: tokenHash(secret),
      organisation_id: user.organisation_id,
      jurisdiction_code: '421000000000',
      scopes,
      created_by: user.id,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  return (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

async function pendingFor(session: ApiSession, username: string) {
  const grants = (await (await session.request('GET', '/api/role-grants')).json()) as {
    id: string;
    username: string;
    roleCode: string;
    canDecide: boolean;
    cannotDecideBecause: string | null;
    canWithdraw: boolean;
  }[];
  return grants.filter((grant) => grant.username === username);
}

describe('separation of duties for roles (issue 12, item 6)', () => {
  it('refuses anyone changing their own roles, with a session or with an API token', async () => {
    const own = await putRoles(admin, 'admin', ['system_admin', 'civil_affairs_officer']);
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('users.own_roles');
    const viaToken = await tokenOf('admin', ['roles.manage', 'users.read']);
    const adminUser = await userOf('admin');
    const tokenAnswer = await viaToken('PUT', `/api/users/${adminUser.id}/roles`, {
      roles: ['system_admin', 'civil_affairs_officer'],
      version: adminUser.version,
    });
    expect(tokenAnswer.status).toBe(403);
    expect((await errorOf(tokenAnswer)).code).toBe('users.own_roles');
    // Dropping one's own role is a change too.
    expect((await putRoles(admin, 'admin', [])).status).toBe(403);
    expect(await rolesOf('admin')).toEqual(['system_admin']);
  });

  it('keeps a role that reads children’s files pending until a second person approves it', async () => {
    const answer = await putRoles(admin, 'analyst', ['analyst', 'civil_affairs_officer']);
    expect(answer.status).toBe(200);
    const { pendingGrants } = (await answer.json()) as { pendingGrants: { id: string; roleCode: string }[] };
    expect(pendingGrants.map((g) => g.roleCode)).toEqual(['civil_affairs_officer']);
    expect(await rolesOf('analyst')).toEqual(['analyst']);
    // Asking again does not make a second request.
    const again = (await (await putRoles(admin, 'analyst', ['analyst', 'civil_affairs_officer'])).json()) as {
      pendingGrants: { id: string }[];
    };
    expect(again.pendingGrants.map((g) => g.id)).toEqual(pendingGrants.map((g) => g.id));

    const officer = await signInAs(server.url, 'officer.city');
    const [listed] = await pendingFor(officer, 'analyst');
    expect(listed).toMatchObject({ roleCode: 'civil_affairs_officer', canDecide: true, canWithdraw: false });
    expect((await pendingFor(admin, 'analyst'))[0]).toMatchObject({ canDecide: false, canWithdraw: true });
    expect((await officer.request('POST', `/api/role-grants/${listed!.id}/approve`)).status).toBe(204);
    expect(await rolesOf('analyst')).toEqual(['analyst', 'civil_affairs_officer']);
    const again2 = await officer.request('POST', `/api/role-grants/${listed!.id}/approve`);
    expect(again2.status).toBe(409);
    expect((await errorOf(again2)).code).toBe('users.grant_decided');
    const actions = (
      await server.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'users.role_grant_%')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['users.role_grant_requested', 'users.role_grant_approved']));
  });

  it('lets neither the requester, nor the user, nor a token, nor someone without that access in scope approve', async () => {
    // The city officer also administers here, so she can both request and (for others) approve.
    const cityOfficer = await userOf('officer.city');
    await server.database.db
      .insertInto('user_roles')
      .values({ user_id: cityOfficer.id, role_code: 'system_admin' })
      .execute();
    const officer = await signInAs(server.url, 'officer.city');
    expect((await putRoles(officer, 'auditor', ['auditor', 'police_officer'])).status).toBe(200);
    const [grant] = await pendingFor(officer, 'auditor');
    expect(grant).toMatchObject({ canDecide: false, cannotDecideBecause: 'users.own_grant' });
    const own = await officer.request('POST', `/api/role-grants/${grant!.id}/approve`);
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('users.own_grant');
    expect((await officer.request('POST', `/api/role-grants/${grant!.id}/reject`)).status).toBe(403);

    const token = await tokenOf('officer.shashi', ['roles.approve', 'children.read', 'cases.read', 'reports.receive']);
    const byToken = await token('POST', `/api/role-grants/${grant!.id}/approve`);
    expect(byToken.status).toBe(403);
    expect((await errorOf(byToken)).code).toBe('users.grant_needs_person');

    // 公安县's officer does not see the city's users: the request is not there for her.
    const gongan = await signInAs(server.url, 'officer.gongan');
    expect((await gongan.request('POST', `/api/role-grants/${grant!.id}/approve`)).status).toBe(404);
    // The administrator holds no approving authority.
    expect((await admin.request('POST', `/api/role-grants/${grant!.id}/approve`)).status).toBe(403);
    expect(await rolesOf('auditor')).toEqual(['auditor']);

    // The user named in a request cannot approve it either.
    expect((await putRoles(officer, 'officer.shashi', ['civil_affairs_officer', 'police_officer'])).status).toBe(200);
    const shashi = await signInAs(server.url, 'officer.shashi');
    const [forHerself] = await pendingFor(shashi, 'officer.shashi');
    const self = await shashi.request('POST', `/api/role-grants/${forHerself!.id}/approve`);
    expect(self.status).toBe(403);
    expect((await errorOf(self)).code).toBe('users.own_roles');
    expect(await rolesOf('officer.shashi')).toEqual(['civil_affairs_officer']);
    // …while someone else with the access may reject it.
    const prosecutorAsApprover = await signInAs(server.url, 'prosecutor');
    expect((await prosecutorAsApprover.request('POST', `/api/role-grants/${forHerself!.id}/reject`)).status).toBe(403);
  });

  it('still grants roles that do not read children’s files directly, and removes roles at once', async () => {
    const answer = await putRoles(admin, 'reporter.school', ['mandated_reporter', 'analyst']);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ pendingGrants: [] });
    expect(await rolesOf('reporter.school')).toEqual(['analyst', 'mandated_reporter']);
    expect((await putRoles(admin, 'reporter.school', ['analyst'])).status).toBe(200);
    expect(await rolesOf('reporter.school')).toEqual(['analyst']);
  });

  it('creates an account with a child-data role as a request, not a grant; the requester may withdraw it', async () => {
    const village = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '岑河镇陈龙村村民委员会')
      .executeTakeFirstOrThrow();
    const created = await admin.request('POST', '/api/users', {
      username: 'director.pending',
      displayName: '待批主任',
      organisationId: village.id,
      roles: ['village_director', 'mandated_reporter'],
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { pendingGrants: { id: string; roleCode: string }[] };
    expect(body.pendingGrants.map((g) => g.roleCode)).toEqual(['village_director']);
    expect(await rolesOf('director.pending')).toEqual(['mandated_reporter']);
    expect((await admin.request('POST', `/api/role-grants/${body.pendingGrants[0]!.id}/withdraw`)).status).toBe(204);
    expect(await pendingFor(admin, 'director.pending')).toEqual([]);
  });

  it('lets the operator approve from the command line, where no officer exists yet to do it', async () => {
    const village = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '岑河镇陈龙村村民委员会')
      .executeTakeFirstOrThrow();
    const created = (await (
      await admin.request('POST', '/api/users', {
        username: 'director.first',
        displayName: '首任主任',
        organisationId: village.id,
        roles: ['village_director'],
      })
    ).json()) as { pendingGrants: { id: string }[] };
    await decideRoleGrant(server.database.db, systemActor('cli'), created.pendingGrants[0]!.id, 'approved');
    expect(await rolesOf('director.first')).toEqual(['village_director']);
  });
});
