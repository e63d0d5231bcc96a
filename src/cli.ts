import { Command } from 'commander';

/*
 * Haven's own modules are loaded dynamically, after a bare handler is in place: a module that
 * fails to load (a syntax error, a missing file or dependency) is still reported in one line.
 * After that, whatever escapes (a rejected promise nobody awaited, an error thrown in a callback)
 * ends as one line and exit 1 — never a bare stack trace, never a process left hanging.
 */
function cannotLoad(error: unknown): never {
  const text = error instanceof Error ? error.message || error.name : String(error);
  const line = text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' | ');
  process.stderr.write(`haven: Haven's code could not be loaded: ${line}\n`);
  if (process.env.HAVEN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

process.on('uncaughtException', cannotLoad);
process.on('unhandledRejection', cannotLoad);

const { reportFailure, reportFatal } = await import('./platform/cli/output.js').catch(cannotLoad);
const { havenVersion } = await import('./platform/version.js').catch(cannotLoad);
const { registerCommands } = await import('./cli/commands.js').catch(cannotLoad);
process.off('uncaughtException', cannotLoad);
process.off('unhandledRejection', cannotLoad);
process.on('uncaughtException', reportFatal);
process.on('unhandledRejection', reportFatal);

const program = new Command('haven')
  .description('Haven: rescue and protection of children in difficulty')
  .version(havenVersion)
  .showHelpAfterError();
registerCommands(program);
program.parseAsync(process.argv).catch(reportFailure);
