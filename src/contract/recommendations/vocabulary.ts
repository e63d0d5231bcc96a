/* The procuratorial recommendation (检察建议) vocabulary: statuses, actions, the reply clock. Pure. */

export const recommendationStatuses = ['issued', 'replied', 'closed', 'withdrawn'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

export const recommendationActionTypes = ['issue', 'reply', 'accept', 'return', 'withdraw', 'note_litigation'] as const;
export type RecommendationActionType = (typeof recommendationActionTypes)[number];
/** Actions a person chooses on an existing recommendation (`issue` is how one begins). */
export const recommendationUserActions = ['reply', 'accept', 'return', 'withdraw', 'note_litigation'] as const;
export type RecommendationUserAction = (typeof recommendationUserActions)[number];

/** Who takes each action: the addressee unit replies, the issuing procuratorate does the rest. */
export const recommendationSideOf: Record<RecommendationUserAction, 'issuer' | 'addressee'> = {
  reply: 'addressee',
  accept: 'issuer',
  return: 'issuer',
  withdraw: 'issuer',
  note_litigation: 'issuer',
};

export const recommendationClockRules = ['recommendation.reply'] as const;
export type RecommendationClockRule = (typeof recommendationClockRules)[number];
