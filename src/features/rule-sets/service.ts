import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/iso-date.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import {
  applicableRuleSets,
  everywhere,
  registeredRuleSections,
  ruleDocumentProblems,
} from '../../platform/rules/rule-set.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { isWithin } from '../../core/places.js';
import './messages.js';

export interface EffectiveRules {
  divisionCode: string;
  asOf: string;
  version: string;
  sections: Record<string, unknown>;
}

/** The rules in force for a division on a date: defaults overridden by every applicable stored set. */
export async function effectiveRules(
  db: Kysely<Database>,
  divisionCode: string,
  asOf: string,
): Promise<EffectiveRules> {
  const resolver = await loadRuleSets(db);
  const set = resolver.for(divisionCode, asOf);
  const sections: Record<string, unknown> = {};
  for (const [name, section] of [...registeredRuleSections()].sort(([a], [b]) => a.localeCompare(b)))
    sections[name] = set.get(section);
  return { divisionCode, asOf, version: set.version, sections };
}

export interface StoredRuleSetView {
  scopeCode: string;
  version: number;
  validFrom: string;
  rules: Record<string, unknown>;
  note: string | null;
  createdAt: string;
}

export async function listRuleSets(db: Kysely<Database>, divisionCode: string): Promise<StoredRuleSetView[]> {
  const rows = await db.selectFrom('rule_sets').selectAll().orderBy('scope_code').orderBy('version', 'desc').execute();
  return rows
    .filter(
      (row) =>
        applicableRuleSets(
          [{ scopeCode: row.scope_code, version: row.version, validFrom: '0000-01-01', rules: {} }],
          divisionCode,
          '9999-12-31',
        ).length > 0,
    )
    .map((row) => ({
      scopeCode: row.scope_code,
      version: row.version,
      validFrom: row.valid_from,
      rules: row.rules,
      note: row.note,
      createdAt: row.created_at.toISOString(),
    }));
}

export interface PublishRuleSetInput {
  scopeCode: string;
  validFrom: string;
  rules: Record<string, unknown>;
  note?: string;
}

/**
 * A new version for a division subtree, checked section by section before anything is stored.
 * People publish from today on for their own area; the CLI (system actor) may also publish for
 * everywhere or back-date, for an operator loading a province's rules.
 */
export async function publishRuleSet(
  db: Kysely<Database>,
  actor: Actor,
  input: PublishRuleSetInput,
): Promise<{ scopeCode: string; version: number; validFrom: string }> {
  if (!hasPermission(actor, 'rules.manage')) throw forbidden('rules.manage');
  const problems = ruleDocumentProblems(input.rules);
  if (problems.length > 0) {
    throw new DomainError(
      'rule_sets.invalid',
      400,
      { problems: problems.map((p) => `${p.path}: ${p.message}`).join('; ') },
      problems,
    );
  }
  if (actor.kind !== 'system') {
    if (input.scopeCode === everywhere || !actor.jurisdiction.some((code) => isWithin(input.scopeCode, code))) {
      throw new DomainError('rule_sets.outside_jurisdiction', 403, { scope: input.scopeCode });
    }
    const today = shanghaiDateOf(new Date());
    if (input.validFrom < today)
      throw new DomainError('rule_sets.past_date', 400, { validFrom: input.validFrom, today });
  }
  const { result } = await unitOfWork(db, actor, 'rule_sets.publish', async ({ trx, audit }) => {
    // Serialises publishers of the same scope so two never take the same version number.
    await trx.selectFrom('rule_sets').select('id').where('scope_code', '=', input.scopeCode).forUpdate().execute();
    const latest = await trx
      .selectFrom('rule_sets')
      .select(({ fn }) => fn.max('version').as('v'))
      .where('scope_code', '=', input.scopeCode)
      .executeTakeFirst();
    const version = (latest?.v ?? 0) + 1;
    await trx
      .insertInto('rule_sets')
      .values({
        scope_code: input.scopeCode,
        version,
        valid_from: input.validFrom,
        rules: JSON.stringify(input.rules),
        note: input.note ?? null,
        created_by: actor.userId,
      })
      .execute();
    audit({
      entityType: 'rule_set',
      entityId: `${input.scopeCode}@${version}`,
      details: { validFrom: input.validFrom, rules: input.rules, note: input.note ?? null },
    });
    return { scopeCode: input.scopeCode, version, validFrom: input.validFrom };
  });
  return result;
}
