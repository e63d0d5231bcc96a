import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../contract/errors.js';
import { databaseRetryAfterSeconds, isDatabaseUnavailable } from '../db/availability.js';
import { allowedDetails } from '../error-details.js';
import { DomainError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { messageCatalog, translate } from '../i18n/translate.js';
import { localizeIssues, RequestValidationError } from './validation.js';

export type { ErrorBody } from '../../contract/errors.js';

/**
 * The one place errors become responses (invariant 8): a stable code, the caller's language, no
 * internals, and details only in the shape declared for the code (never a raw row).
 */
export function installErrorMapping(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(request, reply, error);
    const { status, body } = mapError(error, request, options.bodyLimit);
    const { details, dropped } = allowedDetails(body.error.code, body.error.details);
    if (dropped.length > 0)
      request.log.warn({ code: body.error.code, dropped }, 'error details not declared for this code were not sent');
    if (details === undefined) delete body.error.details;
    else body.error.details = details;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, status }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'route_not_found',
        message: translate(request.locale, 'route_not_found', {
          method: request.method,
          url: request.url.split('?')[0] ?? '',
        }),
      },
    };
    return reply.status(404).send(body);
  });
}

function mapError(
  error: FastifyError | Error,
  request: FastifyRequest,
  bodyLimit: number,
): { status: number; body: ErrorBody } {
  const locale = request.locale;
  const fail = (status: number, code: string, params = {}, details?: unknown) => ({
    status,
    body: { error: { code, message: translate(locale, code, params), ...(details === undefined ? {} : { details }) } },
  });

  if (error instanceof DomainError) {
    // Entity names in messages ("找不到该{{entity}}") are words in the caller's language too.
    const entity = typeof error.params.entity === 'string' ? translateEntity(locale, error.params.entity) : undefined;
    return fail(error.status, error.code, entity ? { ...error.params, entity } : error.params, error.details);
  }
  const validation = (error as { validation?: unknown }).validation;
  const cause = error instanceof RequestValidationError ? error : findValidationCause(error);
  if (cause) {
    const details = localizeIssues(cause.issues, locale, cause.part);
    return fail(400, 'invalid_input', { count: details.length }, details);
  }
  const fastifyCode = (error as FastifyError).code;
  if (validation) return fail(400, 'invalid_input', { count: 1 });
  // A route may set its own limit (report attachments travel base64 in the body): name the one that applied.
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return fail(413, 'payload_too_large', { limit: request.routeOptions.bodyLimit ?? bodyLimit });
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return fail(415, 'unsupported_media_type', { type: request.headers['content-type'] ?? '' });
  if (
    fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  )
    return fail(400, 'bad_json');
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode === 429) return fail(429, 'rate_limited');
  if (statusCode && statusCode >= 400 && statusCode < 500) return fail(statusCode, 'invalid_input', { count: 1 });
  return fail(500, 'internal', { requestId: request.id });
}

/** The database is away (stopped, restarting, failing over): a 503 that says when to try again, not a 500. */
export function sendDatabaseUnavailable(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  request.log.warn({ err: error }, 'database unavailable');
  const body: ErrorBody = {
    error: {
      code: 'database_unavailable',
      message: translate(request.locale, 'database_unavailable', { seconds: databaseRetryAfterSeconds }),
    },
  };
  return reply.status(503).header('retry-after', String(databaseRetryAfterSeconds)).send(body);
}

function findValidationCause(error: unknown): RequestValidationError | undefined {
  const validation = (error as { validation?: unknown[] }).validation;
  if (Array.isArray(validation)) return undefined;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof RequestValidationError ? cause : undefined;
}

function translateEntity(locale: Locale, entity: string): string {
  return messageCatalog(locale)[`entity.${entity}`] ?? entity;
}
