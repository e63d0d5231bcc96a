import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import type { Database } from '../../src/platform/db/schema.js';
import { type ApiSession, passwordStep } from './session.js';

const password = 'Test-Account-Pass-2026!';
let passwordHash: Promise<string> | undefined;

/**
 * A user with one role in a named organisation, signed in over HTTP the way a new person would:
 * password, then (when the role reads children's data) enrolling an authenticator. Independent of
 * the demo's accounts and of how secrets are stored.
 */
export async function accountWithRole(
  baseUrl: string,
  db: Kysely<Database>,
  options: { username: string; organisationName: string; role: string },
): Promise<ApiSession> {
  passwordHash ??= hashPassword(password);
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('name', '=', options.organisationName)
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({
      username: options.username,
      display_name: options.username,
      organisation_id: organisation.id,
      jurisdiction_code: organisation.division_code,
      password_hash: await passwordHash,
      must_change_password: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: user.id, role_code: options.role }).execute();
  const { session, needs } = await passwordStep(baseUrl, options.username, password);
  const { request } = session;
  if (needs === 'totp_enrolment') {
    const { secret } = (await (await request('POST', '/api/auth/totp/setup', {})).json()) as { secret: string };
    const confirmed = await request('POST', '/api/auth/totp/confirm', { code: await generate({ secret }) });
    if (confirmed.status !== 200)
      throw new Error(`TOTP enrolment of ${options.username} failed: ${confirmed.status} ${await confirmed.text()}`);
  } else if (needs !== null) {
    throw new Error(`${options.username} still owes ${needs}`);
  }
  return session;
}
