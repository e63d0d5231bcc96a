import { reportFailure } from './cli/output.js';
import { serve } from './cli/serve.js';

serve({ seedDemo: !process.argv.includes('--no-demo') }).catch(reportFailure);
