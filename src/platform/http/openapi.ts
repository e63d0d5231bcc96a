import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ErrorStatus, errorBodySchema, platformErrorCodes } from '../../contract/errors.js';
import { sessionCookie } from '../auth/sessions.js';
import { havenVersion } from '../version.js';
import { errorStatusesFor, isUnsafe, type RouteFacts, routeFacts } from './openapi-errors.js';
import { operationIdFor } from './operation-id.js';

/*
 * The OpenAPI document as an integrator's tools read it (Redocly's recommended rules, generated
 * clients): every operation gets its operationId, its security and its error answers here, from
 * what the route already declares, so feature routes declare none of it.
 */

const errorsExtension = 'x-haven-errors';

const errorResponses: Record<ErrorStatus, { name: string; description: string; retryAfter?: string }> = {
  400: { name: 'BadRequest', description: 'The request was refused: a field, the query string or the JSON is wrong' },
  401: { name: 'Unauthenticated', description: 'No valid session or token, or the sign-in is not complete' },
  403: { name: 'Forbidden', description: 'The caller lacks the permission, or a cookie session sent no CSRF token' },
  404: { name: 'NotFound', description: 'No such record, or none the caller may see (both answer the same)' },
  409: { name: 'Conflict', description: 'The record is at another version or in another state; read it again' },
  413: { name: 'PayloadTooLarge', description: "The body is over this route's limit (named in the message)" },
  415: { name: 'UnsupportedMediaType', description: 'The body is not of a type this route takes' },
  422: {
    name: 'UnprocessableContent',
    description: 'Well-formed but not applicable, e.g. an Idempotency-Key used before with another body',
  },
  429: {
    name: 'RateLimited',
    description: 'Too many requests from this caller',
    retryAfter: 'Seconds until the caller may try again',
  },
  500: { name: 'InternalError', description: 'Haven failed; the message carries the request id, nothing else' },
  503: {
    name: 'DatabaseUnavailable',
    description: 'The database is away (restarting, failing over); a write may or may not have happened',
    retryAfter: 'Seconds until the database is expected back',
  },
};

const featureCodes = '; a feature may answer its own `<feature>.<reason>` code';

function errorResponseObject(status: ErrorStatus) {
  const { description, retryAfter } = errorResponses[status];
  const codes = platformErrorCodes[status].map((code) => `\`${code}\``).join(', ');
  return {
    description: `${description}. Platform codes: ${codes}${status < 500 ? featureCodes : ''}.`,
    ...(retryAfter
      ? { headers: { 'Retry-After': { description: retryAfter, schema: { type: 'integer', minimum: 0 } } } }
      : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  };
}

const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description: 'The browser session set by POST /api/auth/login (HttpOnly, SameSite=Strict)',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description: 'With a session, every POST/PUT/PATCH/DELETE echoes the csrfToken from login or /api/auth/me',
  },
  token: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'hv_…',
    description: 'An API token (POST /api/tokens): Authorization: Bearer hv_…',
  },
} as const;

type SecurityRequirement = Record<string, string[]>;

/**
 * Who may call the route, as the document says it: public routes none; routes a part-signed-in
 * session may call, that session (or nobody); others a session or a token, with the permission(s)
 * the route declares as the requirement's roles (one requirement per permission when any one will do).
 */
export function securityFor(facts: RouteFacts): SecurityRequirement[] {
  const session = (roles: string[]): SecurityRequirement =>
    isUnsafe(facts.method) && !facts.skipCsrf ? { session: roles, csrf: [] } : { session: roles };
  const { access } = facts;
  if (access === undefined || access === 'public') return facts.pendingSignIn ? [session([]), {}] : [];
  const roleSets =
    access === 'authenticated'
      ? [[]]
      : 'permission' in access
        ? [[access.permission]]
        : access.anyPermission.map((permission) => [permission]);
  return [...roleSets.map(session), ...roleSets.map((roles) => ({ token: roles }))];
}

const transform: SwaggerTransform = (document) => {
  const { schema, url } = jsonSchemaTransform(document);
  if ((schema as { hide?: boolean }).hide) return { schema, url };
  const { route } = document;
  const method = Array.isArray(route.method) ? route.method.join('') : String(route.method);
  const facts = routeFacts(route, method, schema);
  const described: FastifySchema & Record<string, unknown> = {
    ...schema,
    operationId: (schema as { operationId?: string }).operationId ?? operationIdFor(method, route.url),
    security: securityFor(facts),
    [errorsExtension]: errorStatusesFor(facts),
  };
  return { schema: described, url };
};

interface Operation {
  responses?: Record<string, unknown>;
  [errorsExtension]?: ErrorStatus[];
}

/** Each operation's error answers become references to one response per status, all of one schema. */
const transformObject: SwaggerTransformObject = (documentObject) => {
  if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
  const document = documentObject.openapiObject;
  for (const pathItem of Object.values(document.paths ?? {}))
    for (const operation of Object.values(pathItem ?? {}) as Operation[]) {
      const statuses = operation[errorsExtension];
      if (!statuses) continue;
      delete operation[errorsExtension];
      operation.responses ??= {};
      for (const status of statuses)
        operation.responses[status] ??= { $ref: `#/components/responses/${errorResponses[status].name}` };
    }
  const { $schema: _, ...errorBody } = z.toJSONSchema(errorBodySchema, { target: 'draft-2020-12', io: 'output' });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorBody: errorBody },
  } as typeof document.components;
  return document;
};

export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Haven API',
      version: havenVersion,
      description:
        'Rescue and protection of children in difficulty: registry, mandatory reporting, case workflow. ' +
        'Every error answers { error: { code, message, details? } } (components.schemas.ErrorBody).',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'Haven maintainers' },
    },
    // Relative, so the document is right behind whatever host and scheme serve it.
    servers: [{ url: '/', description: 'The Haven installation serving this document' }],
    components: {
      securitySchemes,
      responses: Object.fromEntries(
        (Object.keys(errorResponses) as `${ErrorStatus}`[]).map((status) => [
          errorResponses[Number(status) as ErrorStatus].name,
          errorResponseObject(Number(status) as ErrorStatus),
        ]),
      ),
    },
  } as FastifyDynamicSwaggerOptions['openapi'],
  transform,
  transformObject,
};
