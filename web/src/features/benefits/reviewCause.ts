import type { BenefitReview } from '@contract/benefits/reviews.js';
import type { TFunction } from 'i18next';

/** The fact that removed a benefit's basis: a roll's fact, or a family member's situation that ended by date (the basis sweep). */
export function reviewCauseFact(cause: BenefitReview['cause'], t: TFunction): string {
  if (cause.fact === 'dibao_tekun')
    return t(`benefits.review.cause.dibao_tekun_${cause.change === 'left' ? 'left' : 'entered'}`);
  if (cause.fact === 'situation_ended')
    return t('benefits.review.cause.situation_ended', {
      situation: t(`registry.situation.${String(cause.situation)}`, { defaultValue: String(cause.situation) }),
      date: cause.endedOn,
    });
  return t(`rolls.kinds.${String(cause.fact)}`, { defaultValue: String(cause.fact ?? '') });
}
