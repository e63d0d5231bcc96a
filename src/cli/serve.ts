import { loadConfig } from '../platform/config.js';
import { type RunningHaven, startHaven } from '../server.js';
import { onFatalCleanup, progress, reportFailure } from '../platform/cli/output.js';

const stopTimeoutMs = 30_000;
// A terminal's Ctrl-C signals the whole process group: Haven gets its own SIGINT and, a moment
// later, the copies npm (and any wrapper) forward. Only a signal after this pause is a second Ctrl-C.
const sameSignalWithinMs = 2000;

/**
 * Which start seeds the demo: `true` only when asked (`--demo`); `'if-embedded'` is `npm start`'s
 * default, the demo on the embedded database and never on a server named by DATABASE_URL.
 */
export type DemoChoice = boolean | 'if-embedded';

export function demoChoiceFromArgs(args: readonly string[], fallback: DemoChoice): DemoChoice {
  if (args.includes('--no-demo')) return false;
  if (args.includes('--demo')) return true;
  return fallback;
}

export async function serve(options: { demo: DemoChoice }): Promise<void> {
  const config = loadConfig();
  const seedDemo = options.demo === 'if-embedded' ? config.databaseUrl === undefined : options.demo;
  let haven: RunningHaven | undefined;
  let signalled: NodeJS.Signals | undefined;
  let signalledAt = 0;
  // Installed before start-up: Ctrl-C while the database starts still stops what was started.
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      if (performance.now() - signalledAt < sameSignalWithinMs) return;
      process.stderr.write(
        `haven: ${signal} again: exiting without waiting; if its PostgreSQL still runs, \`haven stop-db\` stops it.\n`,
      );
      process.exit(130);
    }
    signalled = signal;
    signalledAt = performance.now();
    if (haven) shutdown(haven, signal);
    else progress(`${signal}: Haven stops as soon as start-up has finished…`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  haven = await startHaven(config, { seedDemo, log: progress });
  const running = haven;
  onFatalCleanup(() => running.stop());
  if (signalled) {
    shutdown(haven, signalled);
    return;
  }

  const lines = [
    '',
    `Haven is running at ${haven.url}`,
    haven.built.servesWebApp
      ? `  web app:  ${haven.url}/`
      : '  web app:  not built (run `npm run build:web`); the API is served',
    `  API docs: ${haven.url}/api/docs`,
    `  database: ${haven.database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}`,
    ...(haven.demoNotes.length > 0 ? ['', 'Demo sign-in:', ...haven.demoNotes.map((n) => `  ${n}`)] : []),
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

function shutdown(haven: RunningHaven, signal: NodeJS.Signals) {
  onFatalCleanup(undefined);
  progress(`\n${signal}: stopping Haven${haven.database.embedded ? ' and its PostgreSQL' : ''}…`);
  const watchdog = setTimeout(() => {
    process.stderr.write(
      `haven: Haven did not stop within ${stopTimeoutMs / 1000} s and exits anyway; if its PostgreSQL still runs, \`haven stop-db\` stops it.\n`,
    );
    process.exit(1);
  }, stopTimeoutMs);
  watchdog.unref();
  haven
    .stop()
    .then(() => {
      progress('Haven stopped.');
      process.exit(0);
    })
    .catch(reportFailure);
}
