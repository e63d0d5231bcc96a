import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '../../platform/config.js';
import { buildApp, type BuiltApp } from '../../platform/http/app.js';
import type { HavenApp } from '../../platform/http/deps.js';
import { registerDivisionRoutes } from './routes.js';

let database: TestDatabase;
let built: BuiltApp;

// Stands in for a signed-in user with the permissions named in a header, so these tests depend on
// the division routes only, not on how sign-in works.
function testSignIn(app: HavenApp) {
  app.addHook('onRequest', async (request) => {
    const permissions = request.headers['x-test-permissions'];
    if (typeof permissions !== 'string') return;
    request.actor = {
      ...request.actor,
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000001',
      label: 'test user',
      permissions: new Set(permissions.split(',').filter(Boolean)),
    };
  });
}

const reader = { 'x-test-permissions': '' };
const english = { ...reader, 'accept-language': 'en-GB,en;q=0.9' };
const get = (url: string, headers: Record<string, string> = reader) =>
  built.app.inject({ method: 'GET', url, headers });
type ErrorReply = { error: { code: string; message: string } };

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' });
  built = await buildApp({ db: database.db, config, embedded: undefined }, [testSignIn, registerDivisionRoutes]);
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

describe('GET /api/divisions…', () => {
  it('is for signed-in callers only', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/divisions/421000000000/children' });
    expect(response.statusCode).toBe(401);
  });

  it('lists the provinces, then one level at a time', async () => {
    expect((await get('/api/divisions')).json()).toMatchObject({
      parent: null,
      items: [{ code: '420000000000', name: '湖北省', hasChildren: true }],
    });
    const response = await get('/api/divisions/421000000000/children');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      parent: { name: string };
      items: { code: string; name: string; level: string; hasChildren: boolean }[];
    }>();
    expect(body.parent.name).toBe('荆州市');
    expect(body.items[0]).toEqual({
      code: '421002000000',
      name: '沙市区',
      shortName: '沙市区',
      level: 'county',
      hasChildren: true,
    });
  });

  it('shows one division with its path', async () => {
    const response = await get('/api/divisions/421002');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: '421002000000',
      level: 'county',
      current: true,
      pathText: '湖北省 / 荆州市 / 沙市区',
      history: [],
    });
  });

  it('searches by name, pinyin, initials and code, with paths', async () => {
    for (const q of ['沙市', 'shashi', 'ssq', '421002']) {
      const response = await get(`/api/divisions/search?q=${encodeURIComponent(q)}&limit=5`);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: { code: string; pathText: string }[] }>().items[0]).toMatchObject({
        code: '421002000000',
        pathText: '湖北省 / 荆州市 / 沙市区',
      });
    }
    const within = await get(`/api/divisions/search?q=${encodeURIComponent('新村')}&within=421002&limit=100`);
    expect(within.json<{ items: { code: string }[] }>().items.every((hit) => hit.code.startsWith('421002'))).toBe(true);
  });

  it('answers a malformed code with 400, in Chinese or English', async () => {
    const zh = await get('/api/divisions/42100x/children');
    expect(zh.statusCode).toBe(400);
    expect(zh.json<ErrorReply>().error).toEqual({
      code: 'divisions.invalid_code',
      message: expect.stringContaining('“42100x”不是有效的区划代码'),
    });
    const en = await get('/api/divisions/42100x', english);
    expect(en.statusCode).toBe(400);
    expect(en.json<ErrorReply>().error.message).toBe(
      '"42100x" is not a valid division code: expected 12 digits, or a 2, 4, 6 or 9-digit prefix (such as 4210 or 421002).',
    );
    const within = await get('/api/divisions/search?q=x&within=12345', english);
    expect(within.json<ErrorReply>().error.code).toBe('divisions.invalid_code');
  });

  it('answers an unknown code with 404, in Chinese or English', async () => {
    const zh = await get('/api/divisions/421099000000');
    expect(zh.statusCode).toBe(404);
    expect(zh.json<ErrorReply>().error).toEqual({
      code: 'not_found',
      message: '找不到该区划（421099000000），或您无权查看。',
    });
    const en = await get('/api/divisions/421099000000/children', english);
    expect(en.statusCode).toBe(404);
    expect(en.json<ErrorReply>().error.message).toBe('No division 421099000000 exists, or you may not see it.');
  });

  it('refuses an empty or oversized search with field messages', async () => {
    const empty = await get('/api/divisions/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ErrorReply>().error.code).toBe('invalid_input');
    const tooMany = await get('/api/divisions/search?q=sha&limit=1000', english);
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('PUT /api/divisions/:code/successor', () => {
  const put = (headers: Record<string, string>) =>
    built.app.inject({
      method: 'PUT',
      url: '/api/divisions/421002000000/successor',
      headers,
      payload: { successorCode: '421003000000' },
    });

  it('needs divisions.manage', async () => {
    expect((await put(reader)).statusCode).toBe(403);
  });

  it('applies only to closed divisions', async () => {
    const response = await put({ 'x-test-permissions': 'divisions.manage', 'accept-language': 'en' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorReply>().error).toEqual({
      code: 'divisions.still_current',
      message: expect.stringContaining('421002000000 is still in use'),
    });
  });
});

describe('the OpenAPI document', () => {
  it('describes the division routes and stays valid', async () => {
    const document = (await built.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/divisions',
        '/api/divisions/search',
        '/api/divisions/{code}',
        '/api/divisions/{code}/children',
        '/api/divisions/{code}/successor',
      ]),
    );
    const { validate } = await import('@readme/openapi-parser');
    expect(await validate(structuredClone(document) as never)).toMatchObject({ valid: true });
  });
});
