import { type Command, InvalidArgumentError } from 'commander';
import { systemActor } from '../platform/access/actor.js';
import { describeVerification, verifyAuditChain } from '../platform/audit/verify.js';
import { checkpointFileExists, readAuditCheckpoints, writeAuditCheckpoint } from '../platform/audit/checkpoint.js';
import { encryptPlainTotpSecrets } from '../platform/auth/totp-secret.js';
import { auditCheckpointSweep } from '../platform/jobs/platform-sweeps.js';
import { recordAudit } from '../platform/audit/append.js';
import { loadConfig } from '../platform/config.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { migrateToLatest, migrationStatus } from '../platform/db/migrate.js';
import { embeddedPostgresUsers, stopEmbeddedPostgres } from '../platform/db/embedded.js';
import { registerSweep, runSweeps } from '../platform/jobs/sweeps.js';
import { seedDemo } from '../demo/seed.js';
import { loadFeatures } from '../server.js';
import { progress } from '../platform/cli/output.js';
import { serve } from './serve.js';
import { registerDivisionCommands } from '../features/divisions/cli.js';
import { registerUserCommands } from '../features/users/cli.js';
import { registerImportCommand } from '../features/registry/ledger/cli.js';
import { registerDemoCommands } from '../demo/cli.js';
import { registerRuleSetCommands } from '../features/rule-sets/cli.js';
import { registerCalendarCommands } from '../features/calendar/cli.js';
import { withDatabase } from '../platform/cli/with-database.js';

function checkpointFile(): string {
  const config = loadConfig();
  return config.auditCheckpointFile ?? `${config.dataDir}/audit-checkpoints.jsonl`;
}

function isoInstant(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO 8601 time such as 2026-12-12T09:00:00+08:00');
  }
  return date;
}

export function registerCommands(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start Haven: database, migrations, API and web app (the demo data only with --demo)')
    .option(
      '--demo',
      'seed the demo data (random sign-ins, printed once) on first start; the database is marked as a demo',
    )
    .option('--no-demo', 'no demo data (the default)')
    .action((options: { demo?: boolean }) => serve({ demo: options.demo === true }));

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--status', 'only show which migrations are applied and pending')
    .action((options: { status?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (options.status) {
          const status = await migrationStatus(db);
          console.log(JSON.stringify(status, null, 2));
          return;
        }
        const applied = await migrateToLatest(db);
        console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      }),
    );

  program
    .command('seed')
    .description('load data into the database')
    .option('--demo', 'the demo data (J city: organisations, users, children, cases)')
    .action((options: { demo?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (!options.demo) throw new InvalidArgumentError('say what to seed: --demo');
        await migrateToLatest(db);
        const result = await seedDemo(db, (await loadFeatures()).demoSeeders, progress);
        await encryptPlainTotpSecrets(db);
        console.log(
          result.seeded ? 'Demo data loaded; the database is marked as a demo.' : 'The demo data was already loaded.',
        );
        for (const note of result.notes) console.log(note);
      }),
    );

  program
    .command('sweep')
    .description('run every sweep (deadlines, ages, clean-up) as of a given time')
    .option('--at <time>', 'ISO 8601 time to run the sweeps as of (default: now)', isoInstant)
    .action((options: { at?: Date }) =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        for (const sweep of (await loadFeatures()).sweeps) registerSweep(sweep);
        registerSweep(auditCheckpointSweep(checkpointFile()));
        const reports = await runSweeps(db, options.at ?? new Date(), (name) => progress(`sweep ${name}…`));
        if (reports === 'busy')
          throw new Error('Another Haven process is running the sweeps right now; try again in a minute.');
        console.log(JSON.stringify(reports, null, 2));
      }),
    );

  program
    .command('backup <file>')
    .description('write a consistent backup of the whole database to a file (works while Haven runs)')
    .action((file: string) =>
      withDatabase(async ({ db, pool }) => {
        const header = await backupDatabase(pool, file, (table, done, total) =>
          progress(`[${done + 1}/${total}] ${table}`),
        );
        await recordAudit(db, systemActor('cli'), {
          action: 'database.backup',
          details: { file, schemaVersion: header.schemaVersion },
        });
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
        console.log(
          `Backup written to ${file}: ${header.tables.length} tables, ${rows} rows, schema ${header.schemaVersion}.`,
        );
      }),
    );

  program
    .command('restore <file>')
    .description(
      'restore a backup into an empty database (the embedded one, or DATABASE_URL); its signature must match this installation key',
    )
    .option('--allow-unsigned', 'also accept a backup written before backups were signed (format haven-backup/1)')
    .action(async (file: string, options: { allowUnsigned?: boolean }) => {
      const header = await withDatabase(({ url }) =>
        restoreDatabase(url, file, (table, rows) => progress(`${table}: ${rows} rows`), {
          allowUnsigned: options.allowUnsigned,
        }),
      );
      console.log(`Restored ${file} (made ${header.createdAt}, schema ${header.schemaVersion}).`);
    });

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain, check it against the checkpoints, and name the first entry that was changed')
    .option(
      '--checkpoints <file>',
      'the checkpoint file to check against (default: HAVEN_AUDIT_CHECKPOINT_FILE, or audit-checkpoints.jsonl in the data folder)',
    )
    .action((options: { checkpoints?: string }) =>
      withDatabase(async ({ db }) => {
        const file = options.checkpoints ?? checkpointFile();
        if (options.checkpoints && !(await checkpointFileExists(file)))
          throw new Error(`The checkpoint file ${file} does not exist.`);
        const checkpoints = await readAuditCheckpoints(file);
        const result = await verifyAuditChain(db, {
          checkpoints,
          onProgress: (checked) => progress(`${checked} entries checked`),
        });
        if (!result.ok) throw new Error(describeVerification(result));
        console.log(describeVerification(result));
        console.log(
          checkpoints.length > 0
            ? `It matches all ${checkpoints.length} checkpoints in ${file}.`
            : `No checkpoints in ${file}: entries deleted from the end would not show. Write them with \`haven audit checkpoint\` and keep a copy off this machine.`,
        );
      }),
    );
  audit
    .command('checkpoint')
    .description("append the chain's head (hash, entry count, time) to a checkpoint file to keep off this machine")
    .option(
      '--to <file>',
      'the checkpoint file (default: HAVEN_AUDIT_CHECKPOINT_FILE, or audit-checkpoints.jsonl in the data folder)',
    )
    .action((options: { to?: string }) =>
      withDatabase(async ({ db }) => {
        const file = options.to ?? checkpointFile();
        const checkpoint = await writeAuditCheckpoint(db, file);
        console.log(
          `Checkpoint appended to ${file}: ${checkpoint?.entries ?? 0} entries, head ${checkpoint?.headId ?? '(none)'} ${checkpoint?.headHash ?? ''}. Copy the file off this machine.`,
        );
      }),
    );

  registerDivisionCommands(program);
  registerUserCommands(program);
  registerImportCommand(program);
  registerDemoCommands(program);
  registerRuleSetCommands(program, loadFeatures);
  registerCalendarCommands(program);

  program
    .command('stop-db')
    .description('stop an embedded PostgreSQL left running by a Haven that was killed')
    .option('--force', 'stop it even while another Haven process is using it')
    .action(async (options: { force?: boolean }) => {
      const config = loadConfig();
      const users = await embeddedPostgresUsers(config.dataDir);
      if (users.length > 0 && !options.force) {
        throw new Error(
          `Haven process ${users.join(', ')} is still using the embedded PostgreSQL in ${config.dataDir}. Stop that Haven first (Ctrl-C, or kill ${users[0]}), or add --force.`,
        );
      }
      await stopEmbeddedPostgres(config.dataDir);
      console.log('The embedded PostgreSQL is stopped.');
    });
}
