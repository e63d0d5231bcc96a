import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { factories } from '../support/factories.js';
import { loadUserAccount } from '../../src/platform/auth/load-actor.js';
import { createSession, findSessionAccount } from '../../src/platform/auth/sessions.js';

let database: TestDatabase;
let userId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  userId = (await factories(database.db).as('officer.shashi')).id;
});
afterAll(async () => database.drop());

const newSession = () =>
  database.db
    .transaction()
    .execute((trx) => createSession(trx, userId, { mfaPassed: true, absoluteHours: 8, ip: null, userAgent: null }));

describe('the session and its account, read in one call', () => {
  it('is the account sign-in loads, roles and permissions included', async () => {
    const { token, csrfToken } = await newSession();
    const found = await findSessionAccount(database.db, token, 30);
    expect(found?.session).toMatchObject({ userId, csrfToken, mfaPassed: true });
    const account = await loadUserAccount(database.db, userId);
    expect({ ...found!.account, roles: [...found!.account.roles].sort() }).toEqual({
      ...account!,
      roles: [...account!.roles].sort(),
    });
    expect(found!.account.permissions.has('children.read')).toBe(true);
  });

  it('sees a change of roles or a disabled account on the very next request', async () => {
    const { token } = await newSession();
    const roles = await database.db.selectFrom('user_roles').selectAll().where('user_id', '=', userId).execute();
    await database.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    try {
      const found = await findSessionAccount(database.db, token, 30);
      expect(found?.account.roles).toEqual([]);
      expect(found?.account.permissions.size).toBe(0);
    } finally {
      if (roles.length > 0) await database.db.insertInto('user_roles').values(roles).execute();
    }
    await sql`UPDATE users SET disabled = true WHERE id = ${userId}`.execute(database.db);
    try {
      expect((await findSessionAccount(database.db, token, 30))?.account.disabled).toBe(true);
    } finally {
      await sql`UPDATE users SET disabled = false WHERE id = ${userId}`.execute(database.db);
    }
  });

  it('knows no unknown token, and ends a session idle too long', async () => {
    expect(await findSessionAccount(database.db, 'no-such-token', 30)).toBeUndefined();
    const { token } = await newSession();
    expect(await findSessionAccount(database.db, token, 30, new Date(Date.now() + 31 * 60_000))).toBeUndefined();
    expect(await findSessionAccount(database.db, token, 30)).toBeUndefined();
  });
});
