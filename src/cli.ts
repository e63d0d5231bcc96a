import { Command } from 'commander';
import { registerCommands } from './cli/commands.js';
import { reportFailure } from './cli/output.js';
import { havenVersion } from './platform/version.js';

const program = new Command('haven')
  .description('Haven: rescue and protection of children in difficulty')
  .version(havenVersion)
  .showHelpAfterError();
registerCommands(program);
program.parseAsync(process.argv).catch(reportFailure);
