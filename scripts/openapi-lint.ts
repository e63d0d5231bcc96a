// `npm run lint:openapi`: the API's OpenAPI document, built from the real app (no server, no
// database), linted with Redocly's recommended rules. Fails on any error.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFeatures } from '../src/server.js';
import { buildOpenApiDocument } from '../src/platform/http/openapi-document.js';
import { redoclyEnv, redoclyLintArgs } from './redocly-lint.js';

const directory = await mkdtemp(path.join(tmpdir(), 'haven-openapi-'));
try {
  const file = path.join(directory, 'openapi.json');
  await writeFile(file, JSON.stringify(await buildOpenApiDocument((await loadFeatures()).routes), null, 2));
  const run = spawnSync(process.execPath, redoclyLintArgs(file), { stdio: 'inherit', env: redoclyEnv });
  process.exitCode = run.status ?? 1;
} finally {
  await rm(directory, { recursive: true, force: true });
}
