import type { DecisionAnswer } from '../../contract/department-rolls/rolls.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { benefitTypesFor } from '../benefits/service.js';
import { childFileIn } from '../registry/service.js';

/*
 * From an accepted fact to a benefit: the benefits of the child's place whose category the fact
 * newly proposed, and an application opened through the benefits feature's own use case (its
 * checks, deadlines and clock) by a person who chose to. Nothing here writes benefits' tables.
 */

/** The benefit types of the child's place (户籍地, else residence) whose category is among these. */
export async function benefitsOfCategories(
  uow: UnitOfWork,
  childId: string,
  categories: readonly string[],
  today: string,
): Promise<DecisionAnswer['benefitsProposed']> {
  if (categories.length === 0) return [];
  const file = await childFileIn(uow, childId);
  const { types } = await benefitTypesFor(uow.trx, file.hukouCode ?? file.residenceCode, today);
  return types
    .filter((type) => type.category !== null && categories.includes(type.category))
    .map((type) => ({
      benefitType: type.code,
      category: type.category!,
      monthlyFen: type.monthlyFen,
      name: uow.actor.locale === 'en' ? type.en : type.zh,
    }));
}
