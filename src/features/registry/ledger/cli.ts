import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import { progress } from '../../../platform/cli/output.js';
import { withDatabase } from '../../../platform/cli/with-database.js';
import { systemActor } from '../../../platform/access/actor.js';
import { loadConfig } from '../../../platform/config.js';
import { migrateToLatest } from '../../../platform/db/migrate.js';
import type { Database } from '../../../platform/db/schema.js';
import { DomainError } from '../../../platform/errors.js';
import { type Locale, locales } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { runLedgerCommit } from './commit.js';
import { dryRunImport, reportCollector } from './dry-run.js';
import type { DryRunReport } from '../../../contract/registry/ledger.js';
import { uploadLedger } from './service.js';
import { spreadsheetLimitsOf } from './spreadsheet-limits.js';
import { findImportFor } from './store.js';
import './messages.js';

function language(value: string): Locale {
  const found = locales.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!found) throw new InvalidArgumentError(`expected one of ${locales.join(', ')}`);
  return found;
}

async function findOrganisation(db: Kysely<Database>, org: string): Promise<string> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(org);
  const rows = await db
    .selectFrom('organisations')
    .select('id')
    .where(uuid ? 'id' : 'name', '=', org)
    .execute();
  if (rows.length === 0) throw new DomainError('ledger.organisation_unknown', 400, { org });
  if (rows.length > 1) throw new DomainError('ledger.organisation_ambiguous', 400, { org, count: rows.length });
  return rows[0]!.id;
}

function printReport(report: DryRunReport, locale: Locale): void {
  const c = report.counts;
  const labels =
    locale === 'zh-CN'
      ? ['共', '可导入', '有问题', '有提示', '已登记', '重复']
      : ['rows', 'ok', 'with problems', 'with warnings', 'already registered', 'duplicates'];
  console.log(
    `${report.sheet} · ${labels[0]} ${c.rows} · ${labels[1]} ${c.ok} · ${labels[2]} ${c.problems} · ${labels[3]} ${c.warnings} · ${labels[4]} ${c.alreadyRegistered} · ${labels[5]} ${c.duplicates}`,
  );
  for (const notice of report.notices) console.log(`! ${notice.message}`);
  if (report.ignoredColumns.length > 0)
    console.log(
      `! ${translate(locale, 'ledger.notice_ignored_columns', { columns: report.ignoredColumns.map((c) => c.header || `#${c.index}`).join('、') })}`,
    );
  for (const p of report.problems)
    console.log(
      `${p.sheet}!${p.row}\t${p.severity === 'error' ? '✗' : '!'} ${p.column ?? ''}\t${p.message}\t[${p.code}]`,
    );
}

export function registerImportCommand(program: Command): void {
  program
    .command('import <file>')
    .description(
      'import a ledger (.xlsx/.csv) of children for an organisation: --dry-run only checks and reports; without it the good rows are committed',
    )
    .requiredOption(
      '--org <organisation>',
      'the organisation (id or exact name) whose jurisdiction the children are in',
    )
    .option('--dry-run', 'check every row and print the report; import nothing')
    .option('--json', 'print the report as JSON (each problem with its sheet row and stable code)')
    .option('--lang <language>', 'language of the report: zh-CN or en', language)
    .action((file: string, options: { org: string; dryRun?: boolean; json?: boolean; lang?: Locale }) =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const locale = options.lang ?? 'zh-CN';
        // This process is the import's alone and bin/haven.js bounds its heap: the sheet is read here,
        // not in a reading thread with a heap of its own (one isolate, not two: issue 21's ≤ 400 MB).
        const limits = { ...spreadsheetLimitsOf(config), readInThisThread: true };
        const size = (await stat(file).catch(() => undefined))?.size;
        if (size === undefined) throw new Error(`${file}: no such file.`);
        const fileName = path.basename(file);
        if (size > config.importLimitBytes)
          throw new DomainError('ledger.too_large', 413, {
            file: fileName,
            limitMb: Math.round(config.importLimitBytes / 104857.6) / 10,
          });
        await migrateToLatest(db);
        const organisationId = await findOrganisation(db, options.org);
        const actor = { ...systemActor('cli:import', locale), organisationId };
        const { batch } = await uploadLedger(
          db,
          actor,
          { fileName, content: await readFile(file), organisationId },
          limits,
        );
        let report: DryRunReport;
        let created: number | undefined;
        if (options.dryRun || batch.status === 'committed') {
          report = await dryRunImport(db, actor, batch.id, limits, locale);
        } else {
          // One pass: each batch is checked, reported and committed, rather than the whole file read
          // and checked twice. A row is reported as what the commit did with it.
          const collector = reportCollector(await findImportFor(db, actor, batch.id), locale);
          await runLedgerCommit(
            db,
            actor,
            batch.id,
            (p) => progress(`${p.rowsDone}/${p.rowsTotal ?? '?'} … ${p.created}`),
            { onClassified: (rows) => collector.add(rows), limits },
          );
          report = collector.report();
        }
        if (!options.dryRun) created = (await findImportFor(db, actor, batch.id)).created_children;
        if (options.json)
          console.log(
            JSON.stringify({ ...report, committed: created !== undefined, createdChildren: created ?? 0 }, null, 2),
          );
        else {
          printReport(report, locale);
          if (created !== undefined)
            console.log(
              locale === 'zh-CN'
                ? `已导入，新建儿童档案 ${created} 份。`
                : `Imported: ${created} new children's files.`,
            );
        }
        if (report.counts.problems > 0) {
          process.exitCode = 1;
          if (!options.json)
            progress(
              locale === 'zh-CN'
                ? `haven: ${report.counts.problems} 行有问题，未导入；请修正后重新导入。`
                : `haven: ${report.counts.problems} rows have problems and were not imported; correct them and import again.`,
            );
        }
      }),
    );
}
