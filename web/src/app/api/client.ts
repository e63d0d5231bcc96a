import type { z } from 'zod';
import { currentLanguage } from '../i18n';
import { parseWithContract } from './contract';
import { takeEarlyResponse } from './early';

/** One problem with one field, as the server lists them in `error.details`. */
export interface FieldProblem {
  /** Where the problem is, e.g. `body.newPassword` or `query.within`. */
  path: string;
  code: string;
  message: string;
}

/** A failed call to the Haven API. `status` 0 means the server was never reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly body: unknown;

  constructor(status: number, code: string | undefined, message: string, body: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }

  /** The server's per-field problems (`error.details`), already in the reader's language. */
  get fieldProblems(): FieldProblem[] {
    const envelope = isRecord(this.body) && isRecord(this.body.error) ? this.body.error : undefined;
    const details = envelope?.details;
    if (!Array.isArray(details)) return [];
    return details.flatMap((detail: unknown) =>
      isRecord(detail) && typeof detail.path === 'string' && typeof detail.message === 'string'
        ? [{ path: detail.path, code: typeof detail.code === 'string' ? detail.code : '', message: detail.message }]
        : [],
    );
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  /** A file sent as it is (an uploaded ledger), with its own Content-Type header. */
  rawBody?: Blob;
  signal?: AbortSignal;
  /** Extra headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /**
   * A step of signing in (password, code, new password): a 401 there is a wrong answer, not a
   * session that ended, so it must not send the reader back to the sign-in page.
   */
  signInStep?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringField(payload: unknown, field: string): string | undefined {
  if (!isRecord(payload)) return undefined;
  const value = payload[field];
  return typeof value === 'string' ? value : undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// The session cookie is HttpOnly; the CSRF token that must accompany every change comes from the
// sign-in answer or GET /api/auth/me and is kept here, in memory only.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = (error: ApiError) => void;
let unauthorizedListener: UnauthorizedListener | null = null;

/** Told about every 401 outside the sign-in steps: the session has ended (timed out, signed out elsewhere). */
export function onUnauthorized(listener: UnauthorizedListener | null): void {
  unauthorizedListener = listener;
}

const unsafeMethods = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

let lastServerContact = Date.now();

/** When the server last answered (each answer keeps the session alive: the idle warning counts from it). */
export function lastServerContactAt(): number {
  return lastServerContact;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': currentLanguage(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  // A landing page's first data may already be on its way (app/api/early.ts).
  const plain = method === 'GET' && options.body === undefined && !options.rawBody && !options.headers;
  const early = plain && accept === 'application/json' ? await takeEarlyResponse(path, currentLanguage()) : undefined;
  if (early) {
    lastServerContact = Date.now();
    return early;
  }
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
    lastServerContact = Date.now();
    return response;
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network', 'The server could not be reached', undefined, { cause });
  }
}

async function failure(response: Response, options: RequestOptions): Promise<ApiError> {
  const body = await readBody(response);
  // The server reports failures as { error: { code, message, details } }, the message already translated.
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : body;
  const message = stringField(envelope, 'message') ?? `${response.status} ${response.statusText}`;
  const error = new ApiError(response.status, stringField(envelope, 'code'), message, body);
  if (response.status === 401 && !options.signInStep) unauthorizedListener?.(error);
  return error;
}

/** A refused change because the page holds an old CSRF token (the session was renewed in another tab). */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('/api/auth/me', {}, 'application/json');
  if (!response.ok) return false;
  const body = await readBody(response);
  const token = stringField(body, 'csrfToken');
  if (token) setCsrfToken(token);
  return token !== undefined;
}

async function call(path: string, options: RequestOptions, accept: string): Promise<Response> {
  let response = await send(path, options, accept);
  if (response.status === 403 && unsafeMethods.has(options.method ?? 'GET')) {
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as unknown;
    const code = isRecord(body) && isRecord(body.error) ? body.error.code : undefined;
    if (code === 'csrf_failed' && (await refreshCsrfToken())) response = await send(path, options, accept);
  }
  if (!response.ok) throw await failure(response, options);
  return response;
}

/**
 * Calls the Haven API and returns the parsed JSON body, unchecked: each caller narrows it to the
 * shape it expects. Session cookies ride along (same origin); the language goes along so that
 * server-side messages come back in the reader's language; changes carry the CSRF token.
 */
export async function requestJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  const response = await call(path, options, 'application/json');
  return readBody(response);
}

/**
 * Calls the Haven API and reads the answer with the contract's schema (`@contract/...`): a body
 * that does not match throws `ContractViolationError` instead of being read leniently.
 */
export async function requestParsed<S extends z.ZodType>(
  schema: S,
  path: string,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  return parseWithContract(schema, await requestJson(path, options), path);
}

/** A file from the API (an export), with the name the server gave it. */
export async function requestFile(
  path: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; filename: string | null; headers: Headers }> {
  const response = await call(path, options, '*/*');
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return {
    blob: await response.blob(),
    filename: filename ? decodeURIComponent(filename) : null,
    headers: response.headers,
  };
}

/** `?a=1&b=x` from the defined, non-empty values; '' when there are none. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export { isRecord };
