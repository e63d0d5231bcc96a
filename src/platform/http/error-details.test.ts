import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { allowedDetails, declareErrorDetails } from '../error-details.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.cast('admin', 'auditor');
});
afterAll(async () => {
  await server?.close();
});

describe('error details are an allow-list per error code', () => {
  it('a stale version on a user answers entity, id and current version — never the row (password hash, TOTP secret, phone)', async () => {
    const admin = await signInAs(server.url, 'admin');
    const target = await server.database.db
      .selectFrom('users')
      .select(['id', 'version', 'phone'])
      .where('username', '=', 'auditor')
      .executeTakeFirstOrThrow();
    const response = await admin.request('PUT', `/api/users/${target.id}/roles`, {
      roles: ['auditor'],
      version: target.version + 7,
    });
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'stale_version',
        message: expect.any(String),
        details: { entity: 'user', id: target.id, currentVersion: target.version },
      },
    });
    for (const secret of ['password_hash', 'totp_secret', '$argon2', target.phone ?? 'no phone'])
      expect(text).not.toContain(secret);
  });

  it('keeps only declared fields, and drops the details of a code that declares none', () => {
    const row = { entity: 'user', id: 'u1', currentVersion: 3, password_hash: '$argon2id$…', totp_secret: 'JBSWY3DP' };
    expect(allowedDetails('stale_version', row)).toEqual({
      details: { entity: 'user', id: 'u1', currentVersion: 3 },
      dropped: ['password_hash', 'totp_secret'],
    });
    expect(allowedDetails('some.undeclared_code', { current: row })).toEqual({
      details: undefined,
      dropped: ['(all)'],
    });
    expect(allowedDetails('some.undeclared_code', [{ path: 'body.name', code: 'too_long', secret: 'x' }])).toEqual({
      details: [{ path: 'body.name', code: 'too_long' }],
      dropped: ['[0].secret'],
    });
  });

  it('drops undeclared fields nested inside a declared shape', () => {
    declareErrorDetails('test.nested', z.object({ items: z.array(z.object({ id: z.string() })) }));
    expect(allowedDetails('test.nested', { items: [{ id: 'a', phone: '13900000000' }] })).toEqual({
      details: { items: [{ id: 'a' }] },
      dropped: ['items[0].phone'],
    });
  });
});
