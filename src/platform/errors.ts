/**
 * Domain errors carry a stable code (also the i18n key of their message), an HTTP status and
 * parameters for the message. They are mapped to responses once, in platform/http/errors.ts.
 * `details` reach the client only as far as the code's declaration allows (error-details.ts).
 */
export type ErrorParams = Record<string, string | number | boolean | null | readonly string[]>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, id: string) => new DomainError('not_found', 404, { entity, id });

/** A 409 naming the entity and the version it is at now; never the record itself (the client reads that again, through its scope). */
export const staleVersion = (entity: string, id: string, currentVersion: number) =>
  new DomainError('stale_version', 409, { entity, id, currentVersion }, { entity, id, currentVersion });

export const forbidden = (permission: string) => new DomainError('forbidden', 403, { permission });

export const invalidInput = (details: { path: string; message: string }[]) =>
  new DomainError('invalid_input', 400, { count: details.length }, details);

export const conflict = (code: string, params: ErrorParams = {}, details?: unknown) =>
  new DomainError(code, 409, params, details);
