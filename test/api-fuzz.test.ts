import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRoles } from '../src/features/users/builtin-roles.js';
import { encodeAny, textFor, useKnownValues, valueFor } from './support/hostile-values.js';
import { type ApiOperation, apiOperations, wellFormedPathValue } from './support/openapi.js';
import { factories } from './support/factories.js';
import { roster } from './support/factories/roster.js';
import { startTestServer, type TestServer } from './support/server.js';
import type { ApiSession } from './support/session.js';

/*
 * Every operation of the OpenAPI document, called with generated path values, queries and bodies
 * — mostly of the declared shape, with NUL, lone surrogates, bidi controls, huge numbers, wrong
 * types and deep nesting mixed in — by a user who holds the route's permission. No answer may be
 * a 5xx (issue 12, item 5). Fixed seed and a modest number of runs per operation keep it in CI.
 */

const seed = 20261206;
const runsPerOperation = 15;
// Signed in as the roster's most powerful people: between them they hold every permission.
const usernames = ['officer.city', 'admin', 'supervisor.cenhe', 'auditor'] as const;

let server: TestServer;
let operations: ApiOperation[];
let knownIds: string[] = [];
const sessions = new Map<string, ApiSession>();

beforeAll(async () => {
  server = await startTestServer();
  const make = factories(server.database.db);
  for (const username of usernames) sessions.set(username, await make.signInAs(server.url, username));
  // A few rows of every kind an operation takes the id of (factories, no demo): children, one an
  // orphan (a proposed category) and one a likely duplicate of another, their families, a report
  // and the case opened from it with its clocks.
  const officer = await make.as('officer.shashi');
  const child = await make.child();
  for (const relation of ['father', 'mother'] as const)
    await make.familyMember(child, {
      relation,
      name: relation === 'father' ? '王建国' : '李秀英',
      situations: [{ kind: 'deceased', since: '2024-01-01' }],
    });
  await make.child({
    name: child.name,
    birthDate: child.birthDate ?? undefined,
    sex: child.sex ?? undefined,
    confirmedNotDuplicate: true,
  });
  await make.child();
  const report = await make.report(officer, { childId: child.id });
  await make.openCase(officer, { reportIds: [report.id] });
  operations = await apiOperations(server.url);
  const db = server.database.db;
  const some = async (
    table:
      | 'children'
      | 'organisations'
      | 'users'
      | 'reports'
      | 'cases'
      | 'clocks'
      | 'family_members'
      | 'child_categories'
      | 'duplicate_candidates',
  ) => (await db.selectFrom(table).select('id').orderBy('id').limit(4).execute()).map((row) => String(row.id));
  const idsByTable = await Promise.all(
    (
      [
        'children',
        'organisations',
        'users',
        'reports',
        'cases',
        'clocks',
        'family_members',
        'child_categories',
        'duplicate_candidates',
      ] as const
    ).map(some),
  );
  // Every kind of row is there to be fuzzed by its id.
  expect(idsByTable.map((found) => found.length > 0)).toEqual(idsByTable.map(() => true));
  const ids = idsByTable.flat();
  const divisionCodes = (
    await db.selectFrom('divisions').select('code').where('code', 'like', '421002%').orderBy('code').limit(12).execute()
  ).map((row) => row.code);
  useKnownValues({ ids, divisionCodes });
  knownIds = ids;
});
afterAll(async () => {
  await server?.close();
});

/** Who calls an operation: someone holding its permission; nobody (no cookie) for the sign-in steps, so no session is ended. */
function callerFor(operation: ApiOperation): ApiSession | undefined {
  if (operation.path.startsWith('/api/auth/')) return undefined;
  const url = operation.path.replace(/\{(\w+)\}/g, ':$1');
  const access =
    server.built.declaredRoutes.find((route) => route.method === operation.method && route.url === url)?.access ?? '';
  const permission = access.startsWith('permission:') ? access.slice('permission:'.length) : undefined;
  const holder = usernames.find((username) => {
    const role = roster[username].role;
    return (
      permission === undefined ||
      (builtinRoles.find((r) => r.code === role)?.permissions as readonly string[] | undefined)?.includes(permission)
    );
  });
  return sessions.get(holder ?? usernames[0]!);
}

function requestFor(operation: ApiOperation) {
  const path = fc.record(
    Object.fromEntries(
      operation.pathParams.map((param) => [
        param.name,
        fc.oneof(
          {
            arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => wellFormedPathValue(param.schema, n, knownIds)),
            weight: 3,
          },
          { arbitrary: textFor(param.schema), weight: 1 },
        ),
      ]),
    ),
  );
  const query = fc.record(Object.fromEntries(operation.query.map((param) => [param.name, textFor(param.schema)])), {
    requiredKeys: [],
  });
  const body = operation.body ? valueFor(operation.body) : fc.constant(undefined);
  return fc.record({ path, query, body });
}

async function send(
  operation: ApiOperation,
  caller: ApiSession | undefined,
  input: { path: Record<string, string>; query: Partial<Record<string, string>>; body: unknown },
): Promise<number> {
  const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(input.path[name] ?? 'x'));
  const search = Object.entries(input.query)
    .map(([name, value]) => `${encodeAny(name)}=${encodeAny(value ?? '')}`)
    .join('&');
  const target = `${url}${search ? `?${search}` : ''}`;
  const headers: Record<string, string> = input.body === undefined ? {} : { 'content-type': 'application/json' };
  const response = caller
    ? await caller.request(operation.method, target, input.body)
    : await fetch(`${server.url}${target}`, {
        method: operation.method,
        headers,
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
      });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('answers every generated request without a server error', { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(80);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const operation of operations) {
      const caller = callerFor(operation);
      const result = await fc.check(
        fc.asyncProperty(requestFor(operation), async (input) => {
          const status = await send(operation, caller, input);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (process.env.HAVEN_FUZZ_TRACE) console.info(operation.method, operation.path, status);
          return status < 500;
        }),
        { seed, numRuns: runsPerOperation, endOnFailure: true },
      );
      if (result.failed)
        failures.push(`${operation.method} ${operation.path}: ${fc.stringify(result.counterexample)}`.slice(0, 600));
    }
    console.info(`api fuzz, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    // The generated requests must reach the handlers, not only the validation layer.
    const accepted = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
    expect(accepted).toBeGreaterThan(100);
  });
});
