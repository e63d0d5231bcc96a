// `npm start`: build the web app if its sources changed, then run `haven serve`.
import { reportFailure } from '../src/cli/output.js';
import { serve } from '../src/cli/serve.js';
import { buildWebIfStale } from './web-build.js';

try {
  await buildWebIfStale((line) => process.stderr.write(`${line}\n`));
  await serve({ seedDemo: !process.argv.includes('--no-demo') });
} catch (error) {
  reportFailure(error);
}
