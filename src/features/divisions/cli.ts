import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { systemActor } from '../../platform/access/actor.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { progress } from '../../platform/cli/output.js';
import { withDatabase } from '../../platform/cli/with-database.js';
import { loadDivisionFile, shippedDivisionFile } from './data-file.js';
import { provinceCode, subtreePrefix } from './rules.js';
import { findDivisionsByText, loadDivisionDataset } from './service.js';

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a 4-digit code year such as 2023');
  return Number(value);
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('expected a whole number from 1 to 100');
  return n;
}

export function registerDivisionCommands(program: Command): void {
  const divisions = program.command('divisions').description('administrative divisions, province to village');

  divisions
    .command('load <province>')
    .description(
      'load or update a province from resources/divisions/<province>-<year>.tsv.gz (idempotent; renamed and vanished codes keep their history)',
    )
    .option('--year <year>', 'code year of the file (default: the newest shipped)', year)
    .option('--file <path>', 'a division file built by scripts/divisions/build-province.ts, instead of the shipped one')
    .action((input: string, options: { year?: number; file?: string }) => {
      const province = provinceCode(input);
      if (province === undefined)
        throw new InvalidArgumentError(`${input} is not a province code: give 2 digits such as 42`);
      const file = options.file ?? shippedDivisionFile(subtreePrefix(province), options.year);
      return withDatabase(async ({ db }) => {
        const started = Date.now();
        await migrateToLatest(db);
        progress(`Reading ${path.relative(process.cwd(), file)}…`);
        const dataset = await loadDivisionFile(file);
        const { meta } = dataset;
        progress(
          `${dataset.rows.length} divisions of ${dataset.rows[0]?.name ?? meta.province}, ${meta.codeYear} codes (${meta.source} ${meta.version}).`,
        );
        const report = await loadDivisionDataset(db, systemActor('cli'), dataset, province, progress);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (report.upToDate) {
          console.log(
            `Province ${report.province} already has these ${report.codeYear} divisions; nothing changed (${seconds} s).`,
          );
          return;
        }
        console.log(
          `Province ${report.province} now has the ${report.codeYear} divisions: ${report.added} added, ${report.changed} changed, ` +
            `${report.reopened} reopened, ${report.closed} closed, ${report.unchanged} unchanged (${seconds} s).`,
        );
      });
    });

  divisions
    .command('search <query>')
    .description('find divisions by Chinese name, pinyin, initials or code prefix')
    .option('--within <code>', 'only inside this division')
    .option('--limit <n>', 'at most this many (1–100)', positive, 20)
    .action((q: string, options: { within?: string; limit: number }) =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        const { items } = await findDivisionsByText(db, systemActor('cli'), {
          q,
          within: options.within,
          limit: options.limit,
        });
        if (items.length === 0) console.log('No division matches.');
        for (const hit of items) console.log(`${hit.code}  ${hit.pathText}  (${hit.match})`);
      }),
    );
}
