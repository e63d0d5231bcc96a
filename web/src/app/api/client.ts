import { currentLanguage } from '../i18n';

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
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
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

/**
 * Calls the Haven API and returns the parsed JSON body, unchecked: each caller narrows it to the
 * shape it expects. Session cookies ride along (same origin); the language goes along so that
 * server-side messages come back in the reader's language.
 */
export async function requestJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network', 'The server could not be reached', undefined, { cause });
  }

  const body = await readBody(response);
  if (!response.ok) {
    // The server reports failures as { error: { code, message } }, the message already translated.
    const envelope = isRecord(body) && isRecord(body.error) ? body.error : body;
    const message = stringField(envelope, 'message') ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, stringField(envelope, 'code'), message, body);
  }
  return body;
}

export { isRecord };
