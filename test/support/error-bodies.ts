import type { FastifyInstance } from 'fastify';

/*
 * Every 4xx/5xx body a test server sends, kept per test file (each file runs in its own module
 * registry), so that error-body-scan.ts can check after each file that no error told a caller
 * what it must never learn (issue 12, item 2): secrets by their field names, and identifiers
 * (ID numbers, mobile numbers) that the request itself did not contain.
 */

export interface RecordedError {
  method: string;
  url: string;
  status: number;
  body: string;
  /** Everything the caller sent (URL, query, params, body), to tell its own input from a leak. */
  sent: string;
}

export const recordedErrors: RecordedError[] = [];

/** Installs the recorder; call before the app is ready (startTestServer does). */
export function recordErrorBodies(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : JSON.stringify(request.body ?? null);
    recordedErrors.push({
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      body: String(payload),
      sent: [
        safeDecode(request.url),
        JSON.stringify(request.query ?? null),
        JSON.stringify(request.params ?? null),
        body,
      ].join('\n'),
    });
    return payload;
  });
}

const forbiddenKey = /password|secret|token_?hash|recovery_?codes?|otp_?auth/i;
const secretValue = /\$argon2|otpauth:\/\//i;
// An 18-character resident ID number, and a mainland mobile number, not inside a longer run of digits.
const idNumber = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** What in one error body must not be there; empty when the body is clean. */
export function forbiddenInErrorBody(recorded: RecordedError): string[] {
  const found: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(recorded.body);
  } catch {
    parsed = recorded.body;
  }
  visit(parsed, '', (path, key, value) => {
    if (key !== undefined && forbiddenKey.test(key)) found.push(`field ${path}`);
    if (typeof value !== 'string') return;
    if (secretValue.test(value)) found.push(`secret value at ${path}`);
    for (const match of [...value.matchAll(idNumber), ...value.matchAll(mobile)]) {
      if (!recorded.sent.includes(match[0]))
        found.push(`identifier ${match[0].slice(0, 3)}… at ${path} that the request did not contain`);
    }
  });
  return found;
}

function visit(
  value: unknown,
  path: string,
  seen: (path: string, key: string | undefined, value: unknown) => void,
  key?: string,
): void {
  seen(path || '(body)', key, value);
  if (Array.isArray(value)) for (const [index, item] of value.entries()) visit(item, `${path}[${index}]`, seen);
  else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) visit(item, path ? `${path}.${name}` : name, seen, name);
  }
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
