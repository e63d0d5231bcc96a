import { loadConfig } from '../platform/config.js';
import { startHaven } from '../platform/server.js';
import { progress, reportFailure } from './output.js';

export async function serve(options: { seedDemo: boolean }): Promise<void> {
  const config = loadConfig();
  const haven = await startHaven(config, { seedDemo: options.seedDemo, log: progress });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`\n${signal}: stopping Haven${haven.database.embedded?.startedHere ? ' and its PostgreSQL' : ''}…`);
    haven
      .stop()
      .then(() => process.exit(0))
      .catch(reportFailure);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const lines = [
    '',
    `Haven is running at ${haven.url}`,
    haven.built.servesWebApp ? `  web app:  ${haven.url}/` : '  web app:  not built (run `npm run build:web`); the API is served',
    `  API docs: ${haven.url}/api/docs`,
    `  database: ${haven.database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}`,
    ...(haven.demoNotes.length > 0 ? ['', 'Demo sign-in:', ...haven.demoNotes.map((n) => `  ${n}`)] : []),
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}
