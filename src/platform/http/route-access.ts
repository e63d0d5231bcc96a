import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorStatus } from '../../contract/errors.js';
import { hasPermission } from '../access/actor.js';
import { DomainError, forbidden } from '../errors.js';

/**
 * Every API route declares who may call it, next to the route:
 * - 'public': anyone, signed in or not (health, public report page);
 * - 'authenticated': any signed-in user or token;
 * - a permission name such as 'registry.read';
 * - any one of several permissions (`anyPermission`), when the handler narrows further by which one
 *   the caller holds (a report is read by its receivers, by those working its case, by its author).
 */
export type RouteAccess = 'public' | 'authenticated' | { permission: string } | { anyPermission: readonly string[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * Error statuses the route may answer beyond those the OpenAPI document derives from its
     * declaration (openapi-errors.ts), e.g. `[409]` for a create that refuses a duplicate.
     */
    refusals?: readonly ErrorStatus[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: string;
}

export function describeAccess(access: RouteAccess): string {
  if (typeof access === 'string') return access;
  return 'permission' in access ? `permission:${access.permission}` : `permission:${access.anyPermission.join('|')}`;
}

/** Collects every route's declared access (for the snapshot test) and enforces it before handlers. */
export const routeAccess = fp(async (app: FastifyInstance, options: { declared: DeclaredRoute[] }) => {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    // The interactive API documentation (registered by @fastify/swagger-ui) is public.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) options.declared.push({ method, url: route.url, access: describeAccess(access) });
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    if (request.actor.kind === 'anonymous') throw new DomainError('unauthenticated', 401);
    if (access === 'authenticated') return;
    if ('permission' in access) {
      if (!hasPermission(request.actor, access.permission)) throw forbidden(access.permission);
    } else if (!access.anyPermission.some((permission) => hasPermission(request.actor, permission))) {
      throw forbidden(access.anyPermission.join(' | '));
    }
  });
});
