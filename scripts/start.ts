// `npm start`: build the web app if its sources changed, then run `haven serve`, with the demo on
// the embedded database (never on a DATABASE_URL server unless --demo is given).
import { reportFailure } from '../src/platform/cli/output.js';
import { demoChoiceFromArgs, serve } from '../src/cli/serve.js';
import { buildWebIfStale } from './web-build.js';

try {
  await buildWebIfStale((line) => process.stderr.write(`${line}\n`));
  await serve({ demo: demoChoiceFromArgs(process.argv, 'if-embedded') });
} catch (error) {
  reportFailure(error);
}
