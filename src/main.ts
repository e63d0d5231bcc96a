import { reportFailure } from './platform/cli/output.js';
import { demoChoiceFromArgs, serve } from './cli/serve.js';

// Like `haven serve`: the demo only when asked for with --demo.
serve({ demo: demoChoiceFromArgs(process.argv, false) }).catch(reportFailure);
