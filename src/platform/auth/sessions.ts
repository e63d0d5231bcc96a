import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { executeNamed } from '../db/named-statements.js';
import type { UserAccount } from './load-actor.js';
import type { SessionCache, SessionLookup } from './session-cache.js';
import { randomToken, tokenHash } from './tokens.js';

export const sessionCookie = 'haven_session';

/** A session's `last_seen_at` is written at most this often (a busy page must not write on every request). */
const touchEveryMs = 60_000;

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  mfaPassed: boolean;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
}

export async function createSession(
  trx: Transaction<Database>,
  userId: string,
  options: { mfaPassed: boolean; absoluteHours: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await trx
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      mfa_passed: options.mfaPassed,
      absolute_expires_at: new Date(Date.now() + options.absoluteHours * 3_600_000),
      ip: options.ip,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/** The live session for a cookie value, or undefined when unknown, idle too long or past its end. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  idleMinutes: number,
  now = new Date(),
): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  return row ? liveSession(db, row, idleMinutes, now) : undefined;
}

/**
 * The live session and its account in one call of `session_account` (migration 0015), whose plan
 * PostgreSQL keeps: every authenticated request asks — unless this process looked it up within
 * the cache's few seconds and no notice of a change came since (session-cache.ts).
 */
export async function findSessionAccount(
  db: Kysely<Database>,
  token: string,
  idleMinutes: number,
  now = new Date(),
  cache?: SessionCache,
): Promise<SessionLookup | undefined> {
  const hash = tokenHash(token);
  const kept = cache?.get(hash);
  if (cache && kept) {
    const before = cache.ticket();
    const session = await liveKeptSession(db, kept.session, idleMinutes, now);
    if (session) {
      if (session !== kept.session) cache.keep(hash, before, { session, account: kept.account });
      return { session, account: kept.account };
    }
    // Past its idle or absolute end by what was kept: the database decides (and deletes it).
    cache.drop(hash);
  }
  const ticket = cache?.ticket() ?? 0;
  const found = await lookUpSessionAccount(db, hash, idleMinutes, now);
  if (found) cache?.keep(hash, ticket, found);
  return found;
}

async function lookUpSessionAccount(
  db: Kysely<Database>,
  hash: string,
  idleMinutes: number,
  now: Date,
): Promise<SessionLookup | undefined> {
  const result = await executeNamed(
    db,
    'session_account',
    sql<{ found: SessionAccountJson | null }>`SELECT session_account(${hash}) AS found`.compile(db),
  );
  const found = result.rows[0]?.found;
  if (!found) return undefined;
  const session = await liveSession(
    db,
    {
      token_hash: found.tokenHash,
      user_id: found.userId,
      csrf_token: found.csrfToken,
      mfa_passed: found.mfaPassed,
      last_seen_at: new Date(found.lastSeenAt),
      absolute_expires_at: new Date(found.absoluteExpiresAt),
    },
    idleMinutes,
    now,
  );
  if (!session) return undefined;
  const {
    tokenHash: _tokenHash,
    userId: _userId,
    csrfToken: _csrfToken,
    mfaPassed: _mfaPassed,
    lastSeenAt: _lastSeenAt,
    absoluteExpiresAt: _absoluteExpiresAt,
    roles,
    ...user
  } = found;
  const account: UserAccount = {
    ...user,
    roles: roles.map(([code]) => code),
    permissions: new Set(roles.flatMap(([, permissions]) => permissions)),
  };
  return { session, account };
}

/**
 * A kept session checked against its idle and absolute ends; its `last_seen_at` is touched at most
 * once a minute, as a looked-up one is. Undefined when it looks ended: the caller asks the database.
 */
async function liveKeptSession(
  db: Kysely<Database>,
  session: SessionRecord,
  idleMinutes: number,
  now: Date,
): Promise<SessionRecord | undefined> {
  if (now.getTime() > session.lastSeenAt.getTime() + idleMinutes * 60_000 || now > session.absoluteExpiresAt)
    return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() <= touchEveryMs) return session;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', session.tokenHash).execute();
  return { ...session, lastSeenAt: now };
}

/** What `session_account` returns: the session's fields, the account's, and roles with their permissions. */
type SessionAccountJson = Omit<UserAccount, 'roles' | 'permissions'> & {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  mfaPassed: boolean;
  lastSeenAt: string;
  absoluteExpiresAt: string;
  roles: [string, string[]][];
};

type SessionRow = Pick<
  Selectable<Database['sessions']>,
  'token_hash' | 'user_id' | 'csrf_token' | 'mfa_passed' | 'last_seen_at' | 'absolute_expires_at'
>;

async function liveSession(
  db: Kysely<Database>,
  row: SessionRow,
  idleMinutes: number,
  now: Date,
): Promise<SessionRecord | undefined> {
  const idleLimit = new Date(row.last_seen_at).getTime() + idleMinutes * 60_000;
  if (now.getTime() > idleLimit || now > new Date(row.absolute_expires_at)) {
    await db.deleteFrom('sessions').where('token_hash', '=', row.token_hash).execute();
    return undefined;
  }
  // Refreshing at most once a minute keeps a busy page from writing on every request.
  const touched = now.getTime() - new Date(row.last_seen_at).getTime() > touchEveryMs;
  if (touched)
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', row.token_hash).execute();
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    mfaPassed: row.mfa_passed,
    lastSeenAt: touched ? now : new Date(row.last_seen_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
  };
}
