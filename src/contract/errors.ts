import { z } from 'zod';

/*
 * The one shape of every error answer, whatever the route: `{ error: { code, message, details? } }`.
 * `code` is stable (clients branch on it); `message` is in the caller's language; `details` only in
 * the shape declared for the code (field problems for a refused input, `{entity, id, currentVersion}`
 * for a stale version…). Features add their own codes, named `<feature>.<reason>`.
 */

/** The codes the platform itself answers with, by HTTP status. */
export const platformErrorCodes = {
  400: ['invalid_input', 'bad_json', 'password_wrong'],
  401: ['unauthenticated', 'token_invalid', 'sign_in_incomplete', 'sign_in_failed', 'totp_invalid'],
  403: ['forbidden', 'csrf_failed'],
  404: ['not_found', 'route_not_found'],
  409: ['stale_version', 'idempotency_in_progress'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  422: ['idempotency_key_reused'],
  429: ['rate_limited', 'too_many_attempts'],
  500: ['internal'],
  503: ['database_unavailable'],
} as const;

export type ErrorStatus = keyof typeof platformErrorCodes;
export type PlatformErrorCode = (typeof platformErrorCodes)[ErrorStatus][number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable code: one of the platform codes or a feature code `<feature>.<reason>`'),
    message: z.string().describe("The error in the caller's language (Accept-Language or the haven_lang cookie)"),
    details: z
      .unknown()
      .optional()
      .describe('Only in the shape declared for the code, e.g. [{path, code, message}] for invalid_input'),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
