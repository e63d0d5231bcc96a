import type { CategoryCode } from '../../contract/registry/vocabulary.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { childInScopeById, factsOf } from './file-store.js';
import { registryNotFound } from './guards.js';
import { registryRules } from './rule-sections.js';
import { proposeCategories } from './rules.js';

/**
 * The categories the child's facts support on a day, by the rules of the child's place (whatever
 * was confirmed): what another feature compares a benefit's basis with after a fact changed.
 * A child outside the caller's scope is a 404.
 */
export async function supportedCategoriesIn(uow: UnitOfWork, childId: string, day: string): Promise<CategoryCode[]> {
  const child = await childInScopeById(uow.trx, uow.actor, childId);
  if (!child) throw registryNotFound(uow.actor, 'child', childId);
  const facts = (await factsOf(uow.trx, [childId])).get(childId);
  if (!facts) return [];
  const rules = (await ruleSetFor(uow.trx, child.residence_code, day)).get(registryRules);
  return proposeCategories(facts.facts, rules, day).map((p) => p.category);
}
