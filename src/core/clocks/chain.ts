import type { Kysely } from 'kysely';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { everywhere } from '../../platform/rules/rule-set.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import '../../platform/rules/tables.js';
import { clockRules, placeLevels } from './rule-sections.js';

/** One level of one division's chain, as the sweep's SQL reads it. */
export interface ChainLevelRow {
  prefix: string;
  level: number;
  target: string;
  /** The role an alert carries when no place up the tree has a recipient organisation. */
  role: string | null;
}

/** One recipient tried for a level, in `rank` order. */
export interface ChainStepRow {
  prefix: string;
  level: number;
  rank: number;
  kind: string;
  role: string;
  len: number;
  lead: boolean;
}

/** The scope's code without the zeros of the levels below it: 421000000000 → 4210. */
function scopePrefix(code: string): string {
  if (code === everywhere) return '';
  for (const length of [2, 4, 6, 9, 12]) if (/^0*$/.test(code.slice(length))) return code.slice(0, length);
  return code;
}

/**
 * The escalation chain of every place that has rule sets of its own, as of a day: a clock takes the
 * chain of the longest prefix of its division code. Rule sets are a handful of rows, so this is
 * resolved in memory once per sweep.
 */
export async function escalationChains(
  db: Kysely<Database>,
  asOf: Date,
): Promise<{ levels: ChainLevelRow[]; steps: ChainStepRow[] }> {
  const scopes = await db.selectFrom('rule_sets').select('scope_code').distinct().execute();
  const prefixes = new Set(['', ...scopes.map((s) => scopePrefix(s.scope_code))]);
  const resolver = await loadRuleSets(db);
  const day = shanghaiDateOf(asOf);
  const levels: ChainLevelRow[] = [];
  const steps: ChainStepRow[] = [];
  for (const prefix of prefixes) {
    const chain = resolver.for(prefix.padEnd(12, '0'), day).get(clockRules).escalationChain;
    for (const [index, level] of chain.entries()) {
      levels.push({ prefix, level: index + 1, target: level.target, role: level.recipients[0]?.role ?? null });
      for (const [rank, recipient] of level.recipients.entries()) {
        steps.push({
          prefix,
          level: index + 1,
          rank,
          kind: recipient.kind,
          role: recipient.role,
          len: placeLevels[recipient.place],
          lead: recipient.leadAgency,
        });
      }
    }
  }
  return { levels, steps };
}
