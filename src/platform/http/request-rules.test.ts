import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiOperation, apiOperations, operationUrl } from '../../../test/support/openapi.js';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
let officer: ApiSession;
let getRoutes: ApiOperation[];
const chenlong = '421002101201';
const en = { 'accept-language': 'en' };

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // A child in 沙市区, whose file the officer reads.
  await make.child();
  officer = await signInAs(server.url, 'officer.shashi');
  getRoutes = (await apiOperations(server.url)).filter((operation) => operation.method === 'GET');
});
afterAll(async () => {
  await server?.close();
});

describe('one rule for every string of every request (issue 12, item 5)', () => {
  const hotlineReport = (description: string, extra: Record<string, unknown> = {}) => ({
    channel: 'hotline',
    line: '12338',
    caller: { anonymous: false, name: '刘大姐', relationship: '邻居', callbackPhone: '13972100009' },
    situations: [6],
    description,
    unknownChild: '陈龙村三组两名儿童',
    divisionCode: chenlong,
    immediateDanger: false,
    ...extra,
  });
  // The public form allows 10 reports an hour from one address: this file sends three.
  const postPublic = (description: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ situations: [8], description, divisionCode: chenlong }),
    });

  it('a public report with NUL in its description is a 400 naming the field, in Chinese and in English — not a 500', async () => {
    const zh = await postPublic('桥下有孩子\u0000乞讨');
    expect(zh.status).toBe(400);
    const error = await errorOf(zh);
    expect(error.details).toEqual([
      { path: 'body.description', code: 'validation.text_control', message: expect.stringContaining('“description”') },
    ]);
    expect(error.details[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const english = await errorOf(await postPublic('桥下有孩子\u0000乞讨', en));
    expect(english.details[0]!.message).toBe(
      '"description" contains a control character (such as NUL, a line break or a tab); remove it and try again.',
    );
  });

  it('NUL, a lone surrogate, a C0/C1 control or a bidi override or isolate in a staff report is a 400 naming the field', async () => {
    const hotline = await signInAs(server.url, 'hotline.12338');
    for (const [text, code] of [
      ['孩子\u0000独自在家', 'validation.text_control'],
      ['孩子\u0007独自在家', 'validation.text_control'],
      ['孩子\u0085独自在家', 'validation.text_control'],
      ['孩子独自在家\uD800', 'validation.text_unpaired_surrogate'],
      ['\uDC00孩子独自在家', 'validation.text_unpaired_surrogate'],
      ['孩子\u202E家在自独', 'validation.text_bidi'],
      ['孩子\u2067独自在家\u2069', 'validation.text_bidi'],
    ] as const) {
      const response = await hotline.request('POST', '/api/reports', hotlineReport(text));
      expect(response.status, JSON.stringify(text)).toBe(400);
      expect((await errorOf(response)).details, JSON.stringify(text)).toEqual([
        { path: 'body.description', code, message: expect.stringContaining('“description”') },
      ]);
    }
    const nested = await hotline.request(
      'POST',
      '/api/reports',
      hotlineReport('孩子独自在家', { caller: { anonymous: false, name: '刘\u202E姐' } }),
    );
    expect((await errorOf(nested)).details).toEqual([
      expect.objectContaining({ path: 'body.caller.name', code: 'validation.text_bidi' }),
    ]);
    const key = await hotline.request('POST', '/api/reports', { ...hotlineReport('孩子独自在家'), 'sneaky\u0000': 1 });
    expect((await errorOf(key)).details).toEqual([
      expect.objectContaining({ path: 'body.sneaky?', code: 'validation.text_control' }),
    ]);
    let deep: unknown = 'x';
    for (let level = 0; level < 40; level += 1) deep = { a: deep };
    const tooDeep = await hotline.request('POST', '/api/reports', { ...hotlineReport('孩子独自在家'), extra: deep });
    expect(tooDeep.status).toBe(400);
    expect((await errorOf(tooDeep)).details[0]).toMatchObject({ code: 'validation.nesting_too_deep' });
    const header = await server.built.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: hotline.cookie, 'x-csrf-token': hotline.csrfToken, 'idempotency-key': 'key-\u0085-0001' },
      payload: hotlineReport('孩子独自在家'),
    });
    expect(header.statusCode).toBe(400);
    expect(header.json<{ error: { details: { path: string }[] } }>().error.details).toEqual([
      expect.objectContaining({ path: 'headers.idempotency-key', code: 'validation.text_control' }),
    ]);
  });

  it('multi-line free text keeps its line breaks, tabs and zero-width joiners; names take none of them', async () => {
    const accepted = await postPublic('桥下有孩子乞讨\n\t第二行 👨\u200D👩\u200D👧');
    expect(accepted.status).toBe(201);
    for (const name of ['王\n小明', '王\t小明', '王\u200B小明', '王\uFEFF小明', '\u202E明小王']) {
      const response = await officer.request('POST', '/api/children', {
        residenceCode: chenlong,
        name,
        birthDate: '2017-05-05',
        sex: 'male',
      });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect((await errorOf(response)).details.map((d) => d.path)).toEqual(['body.name']);
    }
  });

  it('query strings and path parameters follow the same rule', async () => {
    const query = await officer.request('GET', `/api/children?q=${encodeURIComponent('王\u0000')}`);
    expect(query.status).toBe(400);
    expect((await errorOf(query)).details).toEqual([
      expect.objectContaining({ path: 'querystring.q', code: 'validation.text_control' }),
    ]);
    const lineBreak = await officer.request('GET', `/api/children?q=${encodeURIComponent('王\n')}`);
    expect((await errorOf(lineBreak)).details).toEqual([
      expect.objectContaining({ path: 'querystring.q', code: 'validation.text_control' }),
    ]);
    const param = await officer.request('GET', `/api/divisions/${encodeURIComponent('4210\u202E02')}`);
    expect(param.status).toBe(400);
    expect((await errorOf(param)).details).toEqual([
      expect.objectContaining({ path: 'params.code', code: 'validation.text_bidi' }),
    ]);
  });
});

describe('an unknown query parameter is refused on every route (issue 12, item 11)', () => {
  it('every GET route of the OpenAPI document answers ?nonsense=1 with a 400 naming the parameter', async () => {
    expect(getRoutes.length).toBeGreaterThan(30);
    const accepted: string[] = [];
    for (const operation of getRoutes) {
      const response = await officer.request('GET', `${operationUrl(operation)}?nonsense=1`, undefined, en);
      const body = (await response.json()) as {
        error?: { details?: { path: string; code: string; message: string }[] };
      };
      const problem = body.error?.details?.find((d) => d.path === 'querystring.nonsense');
      if (
        response.status !== 400 ||
        problem?.code !== 'validation.unknown_parameter' ||
        !problem.message.includes('"nonsense"')
      )
        accepted.push(`${operation.path} → ${response.status}`);
    }
    expect(accepted).toEqual([]);
  });

  it('a declared parameter still works, and the message is in the caller’s language', async () => {
    expect((await officer.request('GET', '/api/children?pageSize=5')).status).toBe(200);
    const zh = await errorOf(await officer.request('GET', '/api/children?pagesize=5'));
    expect(zh.details).toEqual([
      {
        path: 'querystring.pagesize',
        code: 'validation.unknown_parameter',
        message: '不支持查询参数“pagesize”，请删除或检查拼写。',
      },
    ]);
  });
});

describe('no API answer may be cached (issue 12, low)', () => {
  it('every GET route of the OpenAPI document answers with Cache-Control: no-store, success or refusal', async () => {
    const cached: string[] = [];
    const statuses = new Set<number>();
    for (const operation of getRoutes) {
      const response = await officer.request('GET', operationUrl(operation));
      statuses.add(response.status);
      await response.arrayBuffer();
      if (response.headers.get('cache-control') !== 'no-store')
        cached.push(`${operation.path} → ${response.status} ${response.headers.get('cache-control')}`);
    }
    expect(cached).toEqual([]);
    expect(statuses).toContain(200);
  });

  it('a child’s file, the children list, an unknown API path and a refused write are no-store too', async () => {
    const list = await officer.request('GET', '/api/children?pageSize=1');
    const [first] = ((await list.json()) as { items: { id: string }[] }).items;
    const file = await officer.request('GET', `/api/children/${first!.id}`);
    expect([list.status, file.status]).toEqual([200, 200]);
    const missing = await officer.request('GET', '/api/no-such-thing');
    const refused = await officer.request('POST', '/api/children', {});
    for (const response of [list, file, missing, refused])
      expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
