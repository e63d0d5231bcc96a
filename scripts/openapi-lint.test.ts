import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../src/contract/errors.js';
import { loadFeatures } from '../src/server.js';
import { buildOpenApiDocument } from '../src/platform/http/openapi-document.js';
import { operationIdFor } from '../src/platform/http/operation-id.js';
import { redoclyLint } from './redocly-lint.js';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { $ref?: string }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

let document: Document;
let directory: string;
const operations = () =>
  Object.entries(document.paths).flatMap(([url, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, url, operation })),
  );

beforeAll(async () => {
  document = (await buildOpenApiDocument((await loadFeatures()).routes)) as unknown as Document;
  directory = await mkdtemp(path.join(tmpdir(), 'haven-openapi-test-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('the OpenAPI document, as an integrator’s tools read it', () => {
  it("passes Redocly's recommended rules with no error (npm run lint:openapi)", async () => {
    const file = path.join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const result = await redoclyLint(file);
    const errors = result.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer ?? ''}: ${problem.message}`);
    expect(errors).toEqual([]);
    expect(result.totals.errors).toBe(0);
  });

  it('names every operation by one rule from its method and path, each name once', async () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, url, operation } of operations())
      expect(operation.operationId).toBe(operationIdFor(method, url));
    // Stable: built again, the same names.
    const again = (await buildOpenApiDocument((await loadFeatures()).routes)) as unknown as Document;
    expect(Object.values(again.paths).flatMap((item) => Object.values(item).map((o) => o.operationId))).toEqual(ids);
  });

  it('declares for every operation who may call it, and a 401 wherever a caller is needed', () => {
    for (const { method, url, operation } of operations()) {
      expect(operation.security, `${method} ${url}`).toBeDefined();
      const needsCaller = operation.security?.some((requirement) => Object.keys(requirement).length > 0);
      expect(operation.responses['401'] !== undefined, `${method} ${url}`).toBe(needsCaller);
      for (const requirement of operation.security ?? [])
        for (const scheme of Object.keys(requirement))
          expect(document.components.securitySchemes).toHaveProperty(scheme);
    }
    expect(document.paths['/api/children/{id}']?.patch?.security).toEqual([
      { session: ['children.write'], csrf: [] },
      { token: ['children.write'] },
    ]);
    expect(document.paths['/api/health']?.get?.security).toEqual([]);
  });

  it('answers errors in the one envelope of the contract, 404 where a path names a record', () => {
    const envelope = document.components.schemas.ErrorBody;
    expect(envelope).toMatchObject({ properties: { error: { required: ['code', 'message'] } } });
    expect(errorBodySchema.safeParse({ error: { code: 'not_found', message: 'x' } }).success).toBe(true);
    for (const { method, url, operation } of operations()) {
      expect(operation.responses['400'], `${method} ${url}`).toEqual({ $ref: '#/components/responses/BadRequest' });
      if (url.includes('{')) expect(operation.responses['404'], `${method} ${url}`).toBeDefined();
    }
  });
});
