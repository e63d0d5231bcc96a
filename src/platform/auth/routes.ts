import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  meSchema,
  sessionStateSchema,
  passwordChangeBodySchema,
  recoveryCodesSchema,
  secondFactorBodySchema,
  signInAnswerSchema,
  signInBodySchema,
  signOutQuerySchema,
  totpConfirmBodySchema,
  totpSetupSchema,
} from '../../contract/auth/auth.js';
import type { HavenApp, HttpDeps } from '../http/deps.js';
import { DomainError } from '../errors.js';
import {
  changePassword,
  confirmTotpEnrolment,
  signOut,
  startTotpEnrolment,
  verifySecondFactor,
} from './second-factor.js';
import { sessionCookie } from './sessions.js';
import { type RequestMeta, signIn } from './sign-in.js';
import { seesChildrenByPlace } from './load-actor.js';

function meta(request: FastifyRequest): RequestMeta {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    locale: request.locale,
    requestId: request.id,
  };
}

function requireSignIn(request: FastifyRequest) {
  if (!request.signIn) throw new DomainError('unauthenticated', 401);
  return request.signIn;
}

/** Who is signed in, as GET /api/auth/me and GET /api/auth/session answer it. */
function meOf(signIn: NonNullable<FastifyRequest['signIn']>) {
  const { account, session, needs } = signIn;
  return {
    user: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      organisationId: account.organisationId,
      organisationName: account.organisationName,
      jurisdictionCode: account.jurisdictionCode,
      seesChildrenByPlace: seesChildrenByPlace(account.organisationKind),
    },
    roles: account.roles,
    permissions: needs ? [] : [...account.permissions].sort(),
    needs,
    csrfToken: session.csrfToken,
    preferences: account.preferences,
  };
}

export function registerAuthRoutes(app: HavenApp, deps: HttpDeps): void {
  const { db, config } = deps;
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookie, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.cookieSecure,
      path: '/',
      maxAge: config.sessionAbsoluteHours * 3600,
    });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', skipCsrf: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; the answer says which step (if any) remains',
        body: signInBodySchema,
        response: { 200: signInAnswerSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn(db, config, request.body, meta(request));
      setCookie(reply, result.token);
      return { needs: result.needs, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      config: { access: 'public', allowPendingSignIn: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Second factor: a 6-digit authenticator code or a recovery code',
        body: secondFactorBodySchema,
      },
    },
    async (request, reply) => {
      await verifySecondFactor(db, config, requireSignIn(request), request.body.code, meta(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'public', allowPendingSignIn: true },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator',
        response: { 200: totpSetupSchema },
      },
    },
    async (request) => startTotpEnrolment(db, requireSignIn(request), meta(request)),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { access: 'public', allowPendingSignIn: true, refusals: [409] },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator with its first code; returns recovery codes once',
        body: totpConfirmBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => confirmTotpEnrolment(db, requireSignIn(request), request.body.code, meta(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'public', allowPendingSignIn: true },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password',
        body: passwordChangeBodySchema,
      },
    },
    async (request, reply) => {
      await changePassword(db, requireSignIn(request), request.body, meta(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public', allowPendingSignIn: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out here, or everywhere',
        querystring: signOutQuerySchema,
      },
    },
    async (request, reply) => {
      if (request.signIn) await signOut(db, request.signIn, request.query.everywhere ?? false, meta(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'public', allowPendingSignIn: true },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with roles, permissions and any step still owed',
        response: { 200: meSchema },
      },
    },
    async (request) => meOf(requireSignIn(request)),
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'public', allowPendingSignIn: true },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, or null: the same answer as /api/auth/me, without a 401 when no one is',
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => ({ me: request.signIn ? meOf(request.signIn) : null }),
  );
}
