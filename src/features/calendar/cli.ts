import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { systemActor } from '../../platform/access/actor.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { withDatabase } from '../../platform/cli/with-database.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { parseArrangementFile } from './rules.js';
import { finishPendingRecomputes } from './recompute.js';
import { loadCalendarYear } from './service.js';

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a year such as 2027');
  return Number(value);
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('the holiday calendar (days off and working weekends)');
  calendar
    .command('load <year> <file>')
    .description(
      "load a year's State Council arrangement from a file (JSON {holidays, workdays} or lines 'date,holiday|workday') and recompute every provisional deadline, waiting until the recompute is done",
    )
    .option('--note <text>', 'where the arrangement comes from (e.g. the notice number)')
    .action((yearText: string, file: string, options: { note?: string }) =>
      withDatabase(async ({ db }) => {
        const parsed = parseArrangementFile(await readFile(file, 'utf8'));
        if (!parsed) throw new InvalidArgumentError(translate('en', 'calendar.file_unreadable', { file }));
        await migrateToLatest(db);
        // The web answers once stored and recomputes as a job; the command waits, so a script knows when it is done.
        console.log(
          `Loading ${yearText}; this waits until every provisional deadline is recomputed (over 1M clocks, minutes).`,
        );
        try {
          const result = await loadCalendarYear(
            db,
            systemActor('cli'),
            year(yearText),
            { ...parsed, ...(options.note ? { note: options.note } : {}) },
            'cli',
          );
          console.log(
            `Loaded ${result.year} (revision ${result.revision}): ${result.changed} of ${result.examined} provisional deadlines recomputed.`,
          );
        } catch (error) {
          if (error instanceof DomainError && error.code === 'calendar.invalid') {
            console.error(translate('en', error.code, error.params));
            for (const problem of (error.details as { path: string; params: { date: string }; code: string }[]) ?? [])
              console.error(`  ${problem.path}: ${problem.params.date} — ${translate('en', problem.code)}`);
            process.exitCode = 1;
            return;
          }
          throw error;
        }
      }),
    );
  calendar
    .command('recompute')
    .description(
      'finish recomputing the provisional deadlines of a load that was stopped halfway (a load does this first too)',
    )
    .action(() =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        const changed = await finishPendingRecomputes(db, systemActor('cli'), new Date());
        console.log(
          `Every load's recompute is finished (${changed} deadlines recomputed in the loads that were pending).`,
        );
      }),
    );
}
