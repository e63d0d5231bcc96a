import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../../platform/access/actor.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';
import { loadConfig } from '../../platform/config.js';
import { buildApp, type BuiltApp } from '../../platform/http/app.js';
import { registerOrganisationRoutes } from './routes.js';
import { createOrganisation } from './service.js';

let database: TestDatabase;
let built: BuiltApp;
let manager: string;
let reader: string;

const SHASHI = '421002000000';
const en = { 'accept-language': 'en' };
type ErrorBody = { error: { code: string; message: string; details?: { path: string; code: string }[] } };

/** An API token is a real actor for the HTTP edge without the interactive sign-in steps. */
async function issueToken(organisationId: string, scopes: string[]): Promise<string> {
  const token = randomToken('hvn_');
  await database.db
    .insertInto('api_tokens')
    .values({
      name: `test ${scopes.join(',')}`,
      token_hash: tokenHash(token),
      organisation_id: organisationId,
      jurisdiction_code: SHASHI,
      scopes,
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  return `Bearer ${token}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildApp(
    { db: database.db, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    [registerOrganisationRoutes],
  );
  const { organisation } = await createOrganisation(database.db, systemActor('test'), {
    name: '沙市区民政局',
    kind: 'civil_affairs_bureau',
    divisionCode: SHASHI,
    contacts: [],
    services: [],
  });
  manager = await issueToken(organisation.id, ['organisations.read', 'organisations.manage']);
  reader = await issueToken(organisation.id, ['organisations.read']);
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

const station = { name: '沙市区救助管理站', kind: 'rescue_station', divisionCode: SHASHI, bedCapacity: 30 };

describe('organisation routes', () => {
  it('refuse callers without a session (401) and without the permission (403)', async () => {
    const calls = [
      { method: 'GET', url: '/api/organisations' },
      { method: 'GET', url: '/api/organisations/coverage?within=421000000000' },
      { method: 'GET', url: `/api/lead-agencies?within=${SHASHI}` },
      { method: 'POST', url: '/api/organisations', payload: station },
      {
        method: 'PUT',
        url: `/api/lead-agencies/${SHASHI}`,
        payload: { organisationId: '00000000-0000-4000-8000-000000000000' },
      },
      { method: 'DELETE', url: `/api/lead-agencies/${SHASHI}` },
    ] as const;
    for (const call of calls) {
      const response = await built.app.inject(call);
      expect([call.method, call.url, response.statusCode]).toEqual([call.method, call.url, 401]);
    }
    const readOnly = await built.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: reader },
      payload: station,
    });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json<ErrorBody>().error.code).toBe('forbidden');
  });

  it('create with an Idempotency-Key, replay, read, list and update', async () => {
    const headers = { authorization: manager, 'idempotency-key': 'station-create-1' };
    const first = await built.app.inject({ method: 'POST', url: '/api/organisations', headers, payload: station });
    expect(first.statusCode).toBe(201);
    const created = first.json<{ id: string; subject: string; version: number }>();
    expect(created).toMatchObject({ subject: 'public_institution', version: 1 });
    const retry = await built.app.inject({ method: 'POST', url: '/api/organisations', headers, payload: station });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());

    const list = await built.app.inject({
      method: 'GET',
      url: `/api/organisations?within=${SHASHI}&kind=rescue_station&pageSize=10`,
      headers: { authorization: reader },
    });
    expect(list.json<{ total: number; items: { id: string }[] }>()).toMatchObject({
      total: 1,
      items: [{ id: created.id }],
    });
    const tooBig = await built.app.inject({
      method: 'GET',
      url: '/api/organisations?pageSize=100',
      headers: { authorization: reader },
    });
    expect(tooBig.statusCode).toBe(400);

    const patch = await built.app.inject({
      method: 'PATCH',
      url: `/api/organisations/${created.id}`,
      headers: { authorization: manager },
      payload: { version: 1, bedCapacity: 45 },
    });
    expect(patch.json()).toMatchObject({ bedCapacity: 45, version: 2 });
    const stale = await built.app.inject({
      method: 'PATCH',
      url: `/api/organisations/${created.id}`,
      headers: { authorization: manager, ...en },
      payload: { version: 1, bedCapacity: 50 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: {
        code: 'stale_version',
        message: expect.stringContaining('current version 2'),
        details: { entity: 'organisation', id: created.id, currentVersion: 2 },
      },
    });
    expect(stale.json()).not.toHaveProperty('error.details.current');
    const fetched = await built.app.inject({
      method: 'GET',
      url: `/api/organisations/${created.id}`,
      headers: { authorization: reader },
    });
    expect(fetched.json()).toMatchObject({ bedCapacity: 45 });
  });

  it('words an unknown division in Chinese by default and in English on request, naming the field', async () => {
    const payload = { ...station, divisionCode: '421099000000' };
    const zh = await built.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: manager },
      payload,
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json<ErrorBody>().error).toEqual({
      code: 'organisations.division_unknown',
      message: '字段 divisionCode 中的区划 421099000000 不存在或已撤销，请选择一个现行的行政区划。',
      details: [{ path: 'body.divisionCode', code: 'organisations.division_unknown' }],
    });
    const english = await built.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: manager, ...en },
      payload,
    });
    expect(english.json<ErrorBody>().error.message).toBe(
      'The division 421099000000 in divisionCode does not exist or is no longer current; choose a current division.',
    );
    const malformed = await built.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: manager, ...en },
      payload: { ...station, divisionCode: '4210' },
    });
    expect(malformed.json<ErrorBody>().error.details).toEqual([
      expect.objectContaining({
        path: 'body.divisionCode',
        message: 'A division code is a valid 12-digit statistical code, such as 421002000000.',
      }),
    ]);
  });

  it('refuses a change outside the token’s jurisdiction with 403', async () => {
    const response = await built.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: manager, ...en },
      payload: { ...station, divisionCode: '421022000000' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorBody>().error).toMatchObject({
      code: 'organisations.outside_jurisdiction',
      message: expect.stringContaining('421022000000'),
    });
  });

  it('names and reads the lead agency of a county, and reports coverage', async () => {
    const bureau = await built.app.inject({
      method: 'GET',
      url: `/api/organisations?within=${SHASHI}&kind=civil_affairs_bureau`,
      headers: { authorization: reader },
    });
    const bureauId = bureau.json<{ items: { id: string }[] }>().items[0]?.id;
    const set = await built.app.inject({
      method: 'PUT',
      url: `/api/lead-agencies/${SHASHI}`,
      headers: { authorization: manager },
      payload: { organisationId: bureauId, validFrom: '2024-01-01' },
    });
    expect(set.statusCode).toBe(200);
    const read = await built.app.inject({
      method: 'GET',
      url: `/api/lead-agencies/${SHASHI}`,
      headers: { authorization: reader },
    });
    expect(read.json()).toMatchObject({
      source: 'assigned',
      current: { organisationId: bureauId },
      history: [{ validFrom: '2024-01-01', validTo: null }],
    });
    const coverage = await built.app.inject({
      method: 'GET',
      url: '/api/organisations/coverage?within=421000000000',
      headers: { authorization: reader },
    });
    expect(coverage.statusCode).toBe(200);
    expect(
      coverage.json<{ counties: { code: string; totalBeds: number }[] }>().counties.find((c) => c.code === SHASHI)
        ?.totalBeds,
    ).toBe(45);
  });

  it('publishes its routes in a valid OpenAPI document', async () => {
    const document = (await built.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/organisations',
        '/api/organisations/{id}',
        '/api/lead-agencies/{divisionCode}',
        '/api/organisations/coverage',
      ]),
    );
    const { validate } = await import('@readme/openapi-parser');
    expect(await validate(structuredClone(document) as never)).toMatchObject({ valid: true });
  });
});
