import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { resolveRuleSet, type RuleSet, type StoredRuleSet } from './rule-set.js';
import './tables.js';

export interface RuleSetResolver {
  for(divisionCode: string, asOfDate: string): RuleSet;
}

/** All stored rule sets (a handful of rows), resolved in memory for any number of divisions. */
export async function loadRuleSets(db: Kysely<Database> | Transaction<Database>): Promise<RuleSetResolver> {
  const rows = await db.selectFrom('rule_sets').select(['scope_code', 'version', 'valid_from', 'rules']).execute();
  const stored: StoredRuleSet[] = rows.map((row) => ({
    scopeCode: row.scope_code,
    version: row.version,
    validFrom: row.valid_from,
    rules: row.rules,
  }));
  return { for: (divisionCode, asOfDate) => resolveRuleSet(stored, divisionCode, asOfDate) };
}

export async function ruleSetFor(
  db: Kysely<Database> | Transaction<Database>,
  divisionCode: string,
  asOfDate: string,
): Promise<RuleSet> {
  return (await loadRuleSets(db)).for(divisionCode, asOfDate);
}
