import { describe, expect, it } from 'vitest';
import { securityFor } from './openapi.js';
import { errorStatusesFor, type RouteFacts } from './openapi-errors.js';

const route = (facts: Partial<RouteFacts>): RouteFacts => ({
  method: 'GET',
  access: 'public',
  pendingSignIn: false,
  skipCsrf: false,
  rateLimited: true,
  takesBody: false,
  takesPathParams: false,
  takesVersion: false,
  takesIdempotencyKey: false,
  declared: [],
  ...facts,
});

describe('the errors a route declares in the OpenAPI document', () => {
  it('a public read: refused input, rate limit, failure, database away — never 401/403/404', () => {
    expect(errorStatusesFor(route({}))).toEqual([400, 429, 500, 503]);
  });

  it('a permission-guarded change to a record by id, with a version and a body', () => {
    const statuses = errorStatusesFor(
      route({
        method: 'PATCH',
        access: { permission: 'children.write' },
        takesPathParams: true,
        takesVersion: true,
        takesBody: true,
      }),
    );
    expect(statuses).toEqual([400, 401, 403, 404, 409, 413, 415, 429, 500, 503]);
  });

  it('a create with an Idempotency-Key may conflict (a retry still running) or be refused (422)', () => {
    const statuses = errorStatusesFor(
      route({ method: 'POST', access: 'authenticated', takesBody: true, takesIdempotencyKey: true }),
    );
    expect(statuses).toEqual(expect.arrayContaining([409, 422]));
    expect(statuses).not.toContain(404);
  });

  it('a read any signed-in caller may make has no 403; a route without rate limit no 429', () => {
    const statuses = errorStatusesFor(route({ access: 'authenticated', rateLimited: false }));
    expect(statuses).toContain(401);
    expect(statuses).not.toContain(403);
    expect(statuses).not.toContain(429);
  });

  it('adds the statuses a route declares beyond the derived ones (config.refusals)', () => {
    expect(errorStatusesFor(route({ method: 'POST', declared: [413, 415] }))).toEqual([400, 413, 415, 429, 500, 503]);
  });
});

describe('the security a route declares in the OpenAPI document', () => {
  it('a public route needs nothing', () => {
    expect(securityFor(route({}))).toEqual([]);
    expect(securityFor(route({ method: 'POST', skipCsrf: true }))).toEqual([]);
  });

  it('a change by a session carries the CSRF header; a token carries none', () => {
    expect(securityFor(route({ method: 'POST', access: { permission: 'children.write' } }))).toEqual([
      { session: ['children.write'], csrf: [] },
      { token: ['children.write'] },
    ]);
    expect(securityFor(route({ access: 'authenticated' }))).toEqual([{ session: [] }, { token: [] }]);
  });

  it('any one of several permissions is one requirement per permission', () => {
    expect(securityFor(route({ access: { anyPermission: ['reports.receive', 'cases.read'] } }))).toEqual([
      { session: ['reports.receive'] },
      { session: ['cases.read'] },
      { token: ['reports.receive'] },
      { token: ['cases.read'] },
    ]);
  });

  it('a sign-in step takes the part-signed-in session (or nothing, for sign-out and me)', () => {
    expect(securityFor(route({ method: 'POST', pendingSignIn: true }))).toEqual([{ session: [], csrf: [] }, {}]);
  });
});
