import type { DecisionAnswer, ProposedFact } from '../../contract/department-rolls/rolls.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { translate } from '../../platform/i18n/translate.js';
import { benefitTypesFor, reviewBenefitsOfChildIn, startBenefitsOfCategoryIn } from '../benefits/service.js';
import { childFileIn } from '../registry/service.js';
import type { ProposalRow } from './view.js';

/*
 * From an accepted fact to a benefit: the benefits of the child's place whose category the fact
 * newly proposed; the 低保/特困 add-on opened through the benefits feature's own use case (its
 * checks, deadlines and clock); a review of every approved benefit whose basis the fact removed.
 * Nothing here writes benefits' tables.
 */

/** The category a household on 低保 or a child supported as 特困 belongs to (the registry's rule). */
const assistanceCategory = 'poverty';

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

/** The household's assistances after the fact: entering adds it, leaving removes it. */
export function householdBenefitsAfter(
  current: readonly string[],
  fact: Extract<ProposedFact, { kind: 'dibao_tekun' }>,
): ('dibao' | 'tekun' | 'temporary_assistance')[] {
  const kept = current.filter((b) => b !== fact.assistance) as ('dibao' | 'tekun' | 'temporary_assistance')[];
  return (fact.change === 'entered' ? [...kept, fact.assistance] : kept).sort();
}

/**
 * What the accepted fact does to benefits: a household that entered 低保/特困 starts the local
 * add-on (an application recorded as from the department's data, received today); any fact that
 * removed the basis of an approved benefit opens the county's review, with the roll as its cause.
 */
export async function followBenefitsIn(
  uow: UnitOfWork,
  row: ProposalRow,
  reason: string,
  now: Date,
): Promise<Pick<DecisionAnswer, 'applicationsOpened' | 'reviewsOpened'>> {
  const fact = row.fact;
  const applicationsOpened =
    fact.kind === 'dibao_tekun' && fact.change === 'entered'
      ? await startBenefitsOfCategoryIn(
          uow,
          {
            childId: row.child_id,
            category: assistanceCategory,
            applicantName: translate(uow.actor.locale, 'benefits.applicant_from_roll', {
              department: translate(uow.actor.locale, `rolls.department.${row.department}`),
            }),
            note: reason,
          },
          now,
        )
      : [];
  const reviewsOpened = await reviewBenefitsOfChildIn(
    uow,
    {
      childId: row.child_id,
      cause: {
        fact: fact.kind,
        change: fact.kind === 'dibao_tekun' ? fact.change : null,
        department: row.department,
        rollId: row.roll_id,
        asOf: row.as_of,
        fileName: row.file_name,
        row: row.row_number,
        proposalId: row.id,
      },
    },
    now,
  );
  return { applicationsOpened, reviewsOpened };
}
