import type { RouteOptions } from 'fastify';
import type { ErrorStatus } from '../../contract/errors.js';
import type { RouteAccess } from './route-access.js';

/** What the OpenAPI document needs to know about a route to say which errors it may answer. */
export interface RouteFacts {
  method: string;
  access: RouteAccess | undefined;
  /** A session part-way through sign-in may call it (the sign-in steps, `me`, sign-out). */
  pendingSignIn: boolean;
  skipCsrf: boolean;
  rateLimited: boolean;
  takesBody: boolean;
  takesPathParams: boolean;
  takesVersion: boolean;
  takesIdempotencyKey: boolean;
  /** Statuses the route declares beyond the derived ones (`config.refusals`). */
  declared: readonly ErrorStatus[];
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafe(method: string): boolean {
  return unsafeMethods.has(method.toUpperCase());
}

/** Does the route need a session or token (and so may answer 401)? */
export function needsCaller(facts: Pick<RouteFacts, 'access' | 'pendingSignIn'>): boolean {
  return (facts.access !== undefined && facts.access !== 'public') || facts.pendingSignIn;
}

/**
 * The error statuses a route may answer, derived from what it declares, in the order of the
 * document. Every route may refuse its input (400), fail (500) and find the database away (503).
 */
export function errorStatusesFor(facts: RouteFacts): ErrorStatus[] {
  const unsafe = isUnsafe(facts.method);
  const cookieChange = unsafe && !facts.skipCsrf && needsCaller(facts);
  const permissioned = typeof facts.access === 'object';
  const derived: Record<ErrorStatus, boolean> = {
    400: true,
    401: needsCaller(facts),
    403: permissioned || cookieChange,
    404: facts.takesPathParams,
    // A change to an existing record meets it in another state; a stale `version`; a retry still running.
    409: unsafe && (facts.takesPathParams || facts.takesVersion || facts.takesIdempotencyKey),
    413: facts.takesBody,
    415: facts.takesBody,
    422: facts.takesIdempotencyKey,
    429: facts.rateLimited,
    500: true,
    503: true,
  };
  for (const status of facts.declared) derived[status] = true;
  return (Object.keys(derived) as `${ErrorStatus}`[])
    .map((status) => Number(status) as ErrorStatus)
    .filter((status) => derived[status]);
}

interface JsonObjectSchema {
  properties?: Record<string, unknown>;
}

/** The facts of a route as Fastify holds it, with its request schemas already in JSON Schema. */
export function routeFacts(
  route: RouteOptions,
  method: string,
  json: { body?: unknown; params?: unknown; headers?: unknown },
): RouteFacts {
  const config = route.config ?? {};
  const body = json.body as JsonObjectSchema | undefined;
  const headers = json.headers as JsonObjectSchema | undefined;
  const params = json.params as JsonObjectSchema | undefined;
  return {
    method,
    access: config.access,
    pendingSignIn: config.allowPendingSignIn === true,
    skipCsrf: config.skipCsrf === true,
    rateLimited: config.rateLimit !== false,
    takesBody: body !== undefined,
    takesPathParams: Object.keys(params?.properties ?? {}).length > 0 || route.url.includes(':'),
    takesVersion: body?.properties?.version !== undefined,
    takesIdempotencyKey: headers?.properties?.['idempotency-key'] !== undefined,
    declared: config.refusals ?? [],
  };
}
