import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { caseActionNotAllowedDetailsSchema } from '../../contract/cases/errors.js';
import { caseListSchema, caseViewSchema, openedCaseSchema } from '../../contract/cases/views.js';
import {
  acknowledgementSchema,
  myReportListSchema,
  reportListSchema,
  reportViewSchema,
  submittedReportSchema,
} from '../../contract/reports/views.js';

// The web reads every answer with these schemas (requestParsed): a real answer must pass, and the
// same answer with one field renamed must fail, so a renamed field breaks a page loudly, never as "—".

let server: TestServer;
let hotline: ApiSession;
let police: ApiSession;
let officer: ApiSession;
let reportId: string;
let caseId: string;

async function answer(session: ApiSession, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await session.request(method, path, body);
  expect(response.status, path).toBeLessThan(300);
  return response.json();
}

/** A deep copy of `value` with the key at `path` renamed (the last step names the key). */
function renamed(value: unknown, path: (string | number)[], to: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const key = path.at(-1) as string;
  expect(at, `no ${path.join('.')} in the answer`).toHaveProperty(key);
  at[to] = at[key];
  delete at[key];
  return copy;
}

function expectRenameFails(schema: z.ZodType, body: unknown, path: (string | number)[], to: string) {
  expect(schema.safeParse(body).success).toBe(true);
  const result = schema.safeParse(renamed(body, path, to));
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path.join('.'));
}

beforeAll(async () => {
  // The hotline and two of 陈龙村's receivers, made by the factories (no demo).
  server = await startTestServer();
  const make = factories(server.database.db);
  [hotline, police, officer] = (await Promise.all(
    ['hotline.12338', 'police.shashi', 'officer.shashi'].map((u) => make.signInAs(server.url, u)),
  )) as [ApiSession, ApiSession, ApiSession];
  const child = await server.database.db
    .insertInto('children')
    .values({
      name: '周小雨',
      sex: 'female',
      birth_date: '2015-09-01',
      residence_code: places.chenlong,
      hukou_code: places.chenlong,
      address: '岑河镇陈龙村三组 2 号',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const submitted = submittedReportSchema.parse(
    await answer(hotline, 'POST', '/api/reports', {
      channel: 'hotline',
      line: '12338',
      caller: { anonymous: true },
      situations: [6],
      description: '孩子独自在家无人照料',
      unknownChild: '陈龙村三组女孩',
      divisionCode: places.chenlong,
      immediateDanger: true,
    }),
  );
  reportId = submitted.id;
  acknowledgementSchema.parse(await answer(police, 'POST', `/api/reports/${reportId}/acknowledge`));
  caseId = openedCaseSchema.parse(
    await answer(officer, 'POST', '/api/cases', { reportIds: [reportId], childId: child.id, participantIds: [] }),
  ).id;
}, 180_000);
afterAll(async () => server.close());

describe('the contract rejects a renamed field in a real case answer', () => {
  it('GET /api/cases/:id: a renamed top-level, nested and list-item field each fail', async () => {
    const body = await answer(officer, 'GET', `/api/cases/${caseId}`);
    expectRenameFails(caseViewSchema, body, ['caseNo'], 'caseNumber');
    expectRenameFails(caseViewSchema, body, ['child', 'riskGrade'], 'grade');
    expectRenameFails(caseViewSchema, body, ['clocks', 0, 'dueAt'], 'due');
    expectRenameFails(caseViewSchema, body, ['actions', 0, 'statusAfter'], 'status');
  });

  it('GET /api/cases: a renamed field of a list row fails', async () => {
    const body = await answer(officer, 'GET', '/api/cases');
    expectRenameFails(caseListSchema, body, ['items', 0, 'overdueClocks'], 'overdue');
  });

  it('a 409 naming the allowed actions: a renamed detail fails', async () => {
    const response = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'request_closure',
      expectedSeq: caseViewSchema.parse(await answer(officer, 'GET', `/api/cases/${caseId}`)).seq,
      reason: '无',
      outcome: '无',
    });
    expect(response.status).toBe(409);
    const details = ((await response.json()) as { error: { details: unknown } }).error.details;
    expectRenameFails(caseActionNotAllowedDetailsSchema, details, ['allowedActions'], 'allowed');
  });
});

describe('the contract rejects a renamed field in a real report answer', () => {
  it('GET /api/reports/:id: renamed reference number and recipient fields fail', async () => {
    const body = await answer(police, 'GET', `/api/reports/${reportId}`);
    expectRenameFails(reportViewSchema, body, ['refNo'], 'referenceNumber');
    expectRenameFails(reportViewSchema, body, ['recipients', 0, 'acknowledgedAt'], 'acknowledged');
  });

  it('GET /api/reports (the inbox): a renamed field of a row fails', async () => {
    const body = await answer(police, 'GET', '/api/reports?view=inbox');
    expectRenameFails(reportListSchema, body, ['items', 0, 'myAcknowledgedAt'], 'acknowledgedAt');
  });

  it('GET /api/reports/outcomes: a renamed field of the reporter’s list fails', async () => {
    const body = await answer(hotline, 'GET', '/api/reports/outcomes');
    expectRenameFails(myReportListSchema, body, ['items', 0, 'stage'], 'state');
  });
});
