// `npm run openapi [-- file]`: the API's OpenAPI document (as /api/openapi.json serves it), to a file or stdout.
import { writeFile } from 'node:fs/promises';
import { loadFeatures } from '../src/server.js';
import { buildOpenApiDocument } from '../src/platform/http/openapi-document.js';

const target = process.argv[2];
const text = `${JSON.stringify(await buildOpenApiDocument((await loadFeatures()).routes), null, 2)}\n`;
if (target) await writeFile(target, text);
else process.stdout.write(text);
