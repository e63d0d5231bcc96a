import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { systemActor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/iso-date.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { withDatabase } from '../../platform/cli/with-database.js';
import { effectiveRules, publishRuleSet } from './service.js';

function divisionCode(value: string): string {
  if (!/^\d{12}$/.test(value))
    throw new InvalidArgumentError(
      'expected a 12-digit division code such as 421002000000 (000000000000 = everywhere)',
    );
  return value;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a date such as 2027-01-01');
  return value;
}

async function readRulesFile(file: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InvalidArgumentError(
      `${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InvalidArgumentError(`${file} must hold one JSON object of rule sections`);
  return parsed as Record<string, unknown>;
}

/**
 * `loadFeatures` brings in every feature, so each rule section is registered before rules are
 * read or checked (the CLI passes the composition root's).
 */
export function registerRuleSetCommands(program: Command, loadFeatures: () => Promise<unknown>): void {
  const rules = program.command('rules').description('rules as data: deadlines, thresholds, recipients per division');

  rules
    .command('show <division>')
    .description('print the rules in force for a division on a date')
    .option('--at <date>', 'the date (default: today in China)', isoDate)
    .action((division: string, options: { at?: string }) =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        await loadFeatures();
        const rulesInForce = await effectiveRules(db, divisionCode(division), options.at ?? shanghaiDateOf(new Date()));
        console.log(JSON.stringify(rulesInForce, null, 2));
      }),
    );

  rules
    .command('publish <file>')
    .description('store a JSON file of rule sections as a new version for a division subtree')
    .requiredOption('--scope <division>', 'the division subtree (000000000000 = everywhere)', divisionCode)
    .requiredOption('--from <date>', 'first day the rules apply', isoDate)
    .option('--note <text>', 'why the rules change (kept with the version)')
    .action((file: string, options: { scope: string; from: string; note?: string }) =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        await loadFeatures();
        const document = await readRulesFile(file);
        const stored = await publishRuleSet(db, systemActor('cli'), {
          scopeCode: options.scope,
          validFrom: options.from,
          rules: document,
          note: options.note,
        });
        console.log(`Rule set ${stored.scopeCode} version ${stored.version} applies from ${stored.validFrom}.`);
      }),
    );
}
