import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import { type Actor, systemActor } from '../../../src/platform/access/actor.js';
import { actorFor, loadUserAccount } from '../../../src/platform/auth/load-actor.js';
import type { Database } from '../../../src/platform/db/schema.js';
import { createUserSchema } from '../../../src/contract/users/users.js';
import { createUser } from '../../../src/features/users/service.js';
import { type ApiSession, passwordStep, totpStep } from '../session.js';
import type { Sequence } from './sequence.js';

/** An account made through the users use case; it signs in over HTTP like a new person. */
export interface TestPerson {
  id: string;
  username: string;
  organisationId: string;
  roles: string[];
  /** The current password: the temporary one until the first sign-in changes it. */
  password: string;
  /** Known once the person has enrolled an authenticator (first sign-in of a role that reads children). */
  totpSecret: string | null;
}

export type PersonOverrides = Partial<{
  username: string;
  displayName: string;
  phone: string;
  jurisdictionCode: string;
}>;

export async function makePerson(
  db: Kysely<Database>,
  sequence: Sequence,
  organisationId: string,
  roles: string[],
  overrides: PersonOverrides = {},
): Promise<TestPerson> {
  const n = sequence.take();
  const username = overrides.username ?? `${roles[0]?.replaceAll('_', '-') ?? 'person'}.${n}`;
  const input = createUserSchema.parse({
    username,
    displayName: overrides.displayName ?? `测试人员${n}`,
    phone: overrides.phone ?? `1397300${String(n % 10_000).padStart(4, '0')}`,
    organisationId,
    jurisdictionCode: overrides.jurisdictionCode,
    roles,
    temporaryPassword: `Temporary-${n}-Sesame-Harbour`,
  });
  // The system grants directly (as the CLI does for the first officer): no second person to approve.
  const created = await createUser(db, systemActor('test-factory'), input);
  return {
    id: created.id,
    username,
    organisationId,
    roles,
    password: created.temporaryPassword,
    totpSecret: null,
  };
}

/** The person as the server sees them after sign-in, for calling use cases directly. */
export async function actorOf(db: Kysely<Database>, person: Pick<TestPerson, 'id'>): Promise<Actor> {
  const account = await loadUserAccount(db, person.id);
  if (!account) throw new Error(`no account ${person.id}`);
  return actorFor(account, { locale: 'zh-CN', ip: null, requestId: null });
}

const codeOf = (secret: string) => (at: number) => generate({ secret, epoch: Math.floor(at / 1000) });

/** The person's authenticator code now (or at another time), once they have enrolled one. */
export function totpCodeOf(person: TestPerson, at = Date.now()): Promise<string> {
  if (!person.totpSecret) throw new Error(`${person.username} has not enrolled an authenticator`);
  return codeOf(person.totpSecret)(at);
}

/**
 * Signs the person in over real HTTP. The first time that is a new person's path: the temporary
 * password, enrolling an authenticator when the role reads children, choosing a new password.
 * Afterwards: password, then the authenticator's code.
 */
export async function signIn(baseUrl: string, person: TestPerson): Promise<ApiSession> {
  const { session, needs: first } = await passwordStep(baseUrl, person.username, person.password);
  let needs = first;
  while (needs !== null) {
    if (needs === 'totp') {
      if (!person.totpSecret) throw new Error(`${person.username} has no authenticator to sign in with`);
      await totpStep(session, person.username, codeOf(person.totpSecret));
    } else if (needs === 'totp_enrolment') {
      const setup = await session.request('POST', '/api/auth/totp/setup', {});
      const { secret } = (await setup.json()) as { secret: string };
      const confirmed = await session.request('POST', '/api/auth/totp/confirm', {
        code: await codeOf(secret)(Date.now()),
      });
      if (confirmed.status !== 200)
        throw new Error(`TOTP enrolment of ${person.username} failed: ${confirmed.status} ${await confirmed.text()}`);
      person.totpSecret = secret;
    } else if (needs === 'password_change') {
      const newPassword = `${person.password}-Lantern-Orchard`;
      const changed = await session.request('POST', '/api/auth/password', {
        currentPassword: person.password,
        newPassword,
      });
      if (changed.status !== 204)
        throw new Error(`password change of ${person.username} failed: ${changed.status} ${await changed.text()}`);
      person.password = newPassword;
    } else {
      throw new Error(`${person.username} owes an unknown step: ${needs}`);
    }
    const me = (await (await session.request('GET', '/api/auth/me')).json()) as { needs: string | null };
    needs = me.needs;
  }
  return session;
}
