import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories } from '../../../test/support/factories.js';
import { tokenHash } from '../../platform/auth/tokens.js';
import { loadConfig } from '../../platform/config.js';
import { buildApp, type BuiltApp } from '../../platform/http/app.js';
import { registerAuditRoutes } from './routes.js';

let database: TestDatabase;
let built: BuiltApp;
const readToken = 'audit-read-token';
const exportToken = 'audit-export-token';

// A bearer API token is the one way to a full actor without the sign-in flow (password, second factor).
async function issueToken(organisationId: string, token: string, scopes: string[]) {
  await database.db
    .insertInto('api_tokens')
    .values({
      name: token,
      token_hash: tokenHash(token),
      organisation_id: organisationId,
      jurisdiction_code: '421000000000',
      scopes,
      expires_at: new Date(Date.now() + 3600_000),
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const org = await database.db
    .insertInto('organisations')
    .values({ name: '荆州市民政局', kind: 'civil_affairs_bureau', division_code: '421000000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await issueToken(org.id, readToken, ['audit.read']);
  await issueToken(org.id, exportToken, ['audit.export']);
  built = await buildApp(
    { db: database.db, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    [registerAuditRoutes],
  );
  await built.app.ready();
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => built.app.inject({ method: 'GET', url, headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('audit routes', () => {
  it('refuse a caller without a session', async () => {
    for (const url of ['/api/audit', '/api/audit/export', '/api/audit?childId=c0000000-0000-4000-8000-00000000000a']) {
      const response = await get(url);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'unauthenticated', message: '请先登录。' } });
    }
  });

  it('refuse a caller without the permission', async () => {
    expect((await get('/api/audit/export', bearer(readToken))).statusCode).toBe(403);
    expect((await get('/api/audit', bearer(exportToken))).json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('search, and record the search', async () => {
    const first = await get('/api/audit?action=audit.', bearer(readToken));
    expect(first.statusCode).toBe(200);
    const second = (await get('/api/audit?action=audit.', bearer(readToken))).json() as {
      total: number;
      rows: { action: string; actorLabel: string; details: unknown }[];
    };
    expect(second.total).toBe(1);
    expect(second.rows[0]).toMatchObject({
      action: 'audit.search',
      actorLabel: `token:${readToken} (荆州市民政局)`,
      details: { filter: { action: 'audit.' }, page: 1 },
    });
  });

  it('word bad filters in the caller’s language', async () => {
    const zh = await get('/api/audit?from=2025-03-02&to=2025-03-01', bearer(readToken));
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        details: [{ path: 'querystring.to', code: 'audit.range_invalid', message: '结束时间早于开始时间' }],
      },
    });
    const en = await get('/api/audit?from=soon', { ...bearer(readToken), 'accept-language': 'en' });
    expect(en.json()).toMatchObject({
      error: { details: [{ path: 'querystring.from', code: 'audit.instant_invalid' }] },
    });
    expect((await get('/api/audit?action=a%20b', bearer(readToken))).statusCode).toBe(400);
  });

  it('name each record and child by its human reference, and find a child by the file number', async () => {
    const make = factories(database.db);
    const [child, other] = [await make.child({ name: '审计甲' }), await make.child({ name: '审计乙' })];
    const found = (await get(`/api/audit?childCode=${child.havenCode.toLowerCase()}`, bearer(readToken))).json() as {
      total: number;
      rows: { childId: string; childRef: string | null; entityType: string | null; entityRef: string | null }[];
    };
    expect(found.total).toBeGreaterThan(0);
    for (const row of found.rows) {
      expect(row).toMatchObject({ childId: child.id, childRef: child.havenCode });
      if (row.entityType === 'child') expect(row.entityRef).toBe(child.havenCode);
    }
    expect(found.rows.some((row) => row.childId === other.id)).toBe(false);
    const unknown = (await get('/api/audit?childCode=HV000000000000000000', bearer(readToken))).json() as {
      total: number;
    };
    expect(unknown.total).toBe(0);
    const bad = await get('/api/audit?childCode=198cef50', { ...bearer(readToken), 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: {
        details: [{ path: 'querystring.childCode', code: 'audit.child_code_invalid', message: /starts with HV/ }],
      },
    });
  });

  it('export an .xlsx in the caller’s language', async () => {
    for (const [language, header] of [
      [undefined, '操作人'],
      ['en-GB,en;q=0.9', 'Actor'],
    ] as const) {
      const response = await get('/api/audit/export?action=audit.search', {
        ...bearer(exportToken),
        ...(language ? { 'accept-language': language } : {}),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="haven-audit-\d{8}T\d{6}\.xlsx"$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
      expect(workbook.worksheets[0]?.getRow(1).getCell(3).value).toBe(header);
    }
    const exports = (await get('/api/audit?action=audit.export', bearer(readToken))).json() as { total: number };
    expect(exports.total).toBe(2);
  });
});
