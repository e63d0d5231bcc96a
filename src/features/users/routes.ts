import { z } from 'zod';
import type { HavenApp, HttpDeps } from '../../platform/http/deps.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { apiTokenSchema, createApiTokenSchema, createdApiTokenSchema } from '../../contract/users/api-tokens.js';
import { roleGrantSchema, roleSchema, rolesSetSchema } from '../../contract/users/role-grants.js';
import {
  createdUserSchema,
  createUserSchema,
  temporaryPasswordSchema,
  userListQuerySchema,
  userPageSchema,
} from '../../contract/users/users.js';
import { decideRoleGrant, listPendingRoleGrants, withdrawRoleGrant } from './role-grant-decisions.js';
import { setUserRoles } from './role-grants.js';
import { createUser, listUsers, resetUserPassword, resetUserTotp, setUserLocked } from './service.js';

const idParams = z.object({ id: z.uuid() });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export function registerUserRoutes(app: HavenApp, { db }: HttpDeps): void {
  app.get(
    '/api/users',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['users'],
        summary: 'Users within my jurisdiction',
        querystring: userListQuerySchema,
        response: { 200: userPageSchema },
      },
    },
    async (request) => listUsers(db, request.actor, request.query),
  );

  app.post(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary:
          "Create a real-name staff account; returns a one-time password. Roles that read children's files wait for a second person (pendingGrants)",
        headers: idempotencyHeader,
        body: createUserSchema,
        response: {
          201: createdUserSchema,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(db, request.actor, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Reset a password (unlocks, ends sessions)',
        params: idParams,
        response: { 200: temporaryPasswordSchema },
      },
    },
    async (request) => resetUserPassword(db, request.actor, request.params.id),
  );

  app.post(
    '/api/users/:id/lock',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Lock or unlock an account',
        params: idParams,
        body: z.object({ locked: z.boolean() }),
      },
    },
    async (request, reply) => {
      await setUserLocked(db, request.actor, request.params.id, request.body.locked);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/users/:id/reset-totp',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags: ['users'], summary: 'Remove the authenticator so the user enrols again', params: idParams },
    },
    async (request, reply) => {
      await resetUserTotp(db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: ['users'],
        summary:
          "Replace the roles of another user (optimistic: send the version you edited). Roles that read children's files are not granted yet: they are listed in pendingGrants until a second person approves",
        params: idParams,
        body: z.object({ roles: z.array(z.string()), version: z.number().int() }),
        response: { 200: rolesSetSchema },
      },
    },
    async (request) => setUserRoles(db, request.actor, request.params.id, request.body.roles, request.body.version),
  );

  app.get(
    '/api/role-grants',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['users'],
        summary:
          "Open requests to grant roles that read children's files, within my jurisdiction, with whether I may decide them",
        response: { 200: z.array(roleGrantSchema) },
      },
    },
    async (request) => listPendingRoleGrants(db, request.actor),
  );
  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/role-grants/:id/${path}`,
      {
        config: { access: { permission: 'roles.approve' } },
        schema: {
          tags: ['users'],
          summary:
            decision === 'approved'
              ? 'Approve a role grant (a second person: not the requester, not the user, holding the access granted)'
              : 'Reject a role grant (same people as approving)',
          params: idParams,
        },
      },
      async (request, reply) => {
        await decideRoleGrant(db, request.actor, request.params.id, decision);
        return reply.status(204).send();
      },
    );
  }
  app.post(
    '/api/role-grants/:id/withdraw',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: { tags: ['users'], summary: 'Withdraw my own role grant request', params: idParams },
    },
    async (request, reply) => {
      await withdrawRoleGrant(db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/roles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Roles and their permissions',
        response: {
          200: z.array(roleSchema),
        },
      },
    },
    async () => {
      const rows = await db.selectFrom('roles').selectAll().orderBy('code').execute();
      return rows.map((r) => ({
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        permissions: r.permissions,
        builtin: r.builtin,
      }));
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['tokens'],
        summary: "My organisation's API tokens (never the secret)",
        response: { 200: z.array(apiTokenSchema) },
      },
    },
    async (request) => listApiTokens(db, request.actor),
  );
  app.post(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['tokens'],
        summary:
          'Create an expiring, scoped API token for an integration; the secret is shown once. A token mints only with canMintTokens, within its own scopes and expiry',
        body: createApiTokenSchema,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(db, request.actor, request.body)),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: { tags: ['tokens'], summary: 'Revoke a token', params: idParams },
    },
    async (request, reply) => {
      await revokeApiToken(db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );
}
