import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../errors.js';
import { actorFor, needsSecondFactor, type UserAccount } from './load-actor.js';
import { findSessionAccount, type SessionRecord, sessionCookie } from './sessions.js';
import { findLiveToken } from './token-chain.js';
import { connectionUrlOf, listenOn } from '../db/notifications.js';
import { SessionCache, sessionChannel } from './session-cache.js';

/** A signed-in session that still owes a step (second factor, new password) before full access. */
export interface PendingSignIn {
  session: SessionRecord;
  account: UserAccount;
  needs: 'totp' | 'totp_enrolment' | 'password_change' | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    signIn: PendingSignIn | null;
  }
  interface FastifyContextConfig {
    /** Routes that a session owing a step may still call (the steps themselves, sign-out, me). */
    allowPendingSignIn?: boolean;
    /** Signing in starts a new session, so an old cookie's CSRF token does not apply. */
    skipCsrf?: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function pendingStep(
  account: UserAccount,
  session: SessionRecord,
  mfaRequired: boolean,
): PendingSignIn['needs'] {
  if (needsSecondFactor(account, mfaRequired)) {
    if (!account.totpEnabled) return 'totp_enrolment';
    if (!session.mfaPassed) return 'totp';
  }
  if (account.mustChangePassword) return 'password_change';
  return null;
}

/** Turns a session cookie or a bearer API token into the request's actor. */
export const authenticate = fp(async (app: FastifyInstance, options: { db: Kysely<Database>; config: Config }) => {
  app.decorateRequest('signIn', null);
  const cache = startSessionCache(app, options.db, options.config);
  app.addHook('onRequest', async (request) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return authenticateToken(options.db, request, bearer);
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const found = await findSessionAccount(options.db, token, options.config.sessionIdleMinutes, new Date(), cache);
    if (!found || found.account.disabled) return;
    const { session, account } = found;
    const needs = pendingStep(account, session, options.config.mfaRequired);
    request.signIn = { session, account, needs };
    if (needs === null)
      request.actor = actorFor(account, { locale: request.locale, ip: request.ip, requestId: request.id });
  });
  app.addHook('preHandler', async (request) => {
    // Cookie sessions must echo their CSRF token on every change; bearer tokens are not sent by browsers.
    if (
      request.signIn &&
      unsafeMethods.has(request.method) &&
      !request.routeOptions.config.skipCsrf &&
      request.headers['x-csrf-token'] !== request.signIn.session.csrfToken
    ) {
      throw new DomainError('csrf_failed', 403);
    }
    if (
      request.signIn?.needs &&
      request.url.startsWith('/api/') &&
      !request.routeOptions.config.allowPendingSignIn &&
      request.routeOptions.config.access !== 'public'
    ) {
      throw new DomainError('sign_in_incomplete', 401, { step: request.signIn.needs });
    }
  });
});

/**
 * The process's session cache and its one listener on `haven_sessions`; none when the setting is 0
 * or the handle's address is unknown (then every request asks the database, as before).
 */
function startSessionCache(app: FastifyInstance, db: Kysely<Database>, config: Config): SessionCache | undefined {
  const url = connectionUrlOf(db);
  if (!url || config.sessionCacheSeconds === 0) return undefined;
  const cache = new SessionCache(config.sessionCacheSeconds * 1000);
  const heartbeatMs = Math.min(2000, cache.ttlMs / 2);
  const listener = listenOn(
    url,
    sessionChannel,
    { notice: (userId) => cache.forget(userId), alive: (until) => cache.alive(until), down: () => cache.down() },
    { heartbeatMs, retryMs: 1000 },
  );
  app.addHook('onClose', async () => {
    cache.close();
    await listener.stop();
  });
  return cache;
}

async function authenticateToken(db: Kysely<Database>, request: FastifyRequest, token: string) {
  const live = await findLiveToken(db, token);
  if (!live) throw new DomainError('token_invalid', 401);
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', live.id).execute();
  request.actor = {
    kind: 'token',
    userId: null,
    organisationId: live.organisationId,
    label: `token:${live.name} (${live.organisationName})`,
    roles: [],
    permissions: live.permissions,
    jurisdiction: [live.jurisdictionCode],
    locale: request.locale,
    ip: request.ip,
    requestId: request.id,
    token: live.principal,
  };
}
