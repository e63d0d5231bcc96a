/* The referral vocabulary: statuses, actions, what a referral shares, consent answers. Pure. */

export const referralStatuses = ['requested', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Statuses in which the referral is open: the receiver's access lasts while accepted or in progress. */
export const openReferralStatuses: readonly ReferralStatus[] = ['requested', 'accepted', 'in_progress'];

export const referralActionTypes = ['request', 'accept', 'decline', 'start', 'complete', 'withdraw'] as const;
export type ReferralActionType = (typeof referralActionTypes)[number];
/** Actions a person chooses on an existing referral (`request` is how one begins). */
export const referralUserActions = ['accept', 'decline', 'start', 'complete', 'withdraw'] as const;
export type ReferralUserAction = (typeof referralUserActions)[number];

/**
 * The parts of a child's file a referral may share. Identity is always shared: a receiver cannot
 * serve (or decline) a child it cannot name. Documents are named one by one.
 */
export const sharedParts = ['identity', 'family', 'assessment', 'case_summary', 'documents'] as const;
export type SharedPart = (typeof sharedParts)[number];

/**
 * A document a referral shares is one part of the grant it gives (`child_participations.fields`),
 * beside the named parts: `document:<id>`. The documents feature reads these; ending the referral's
 * participation ends them with the rest.
 */
export const sharedDocumentPrefix = 'document:';
export const sharedDocumentField = (documentId: string) => `${sharedDocumentPrefix}${documentId}`;

export const consentAnswers = ['given', 'refused', 'not_asked'] as const;
export type ConsentAnswer = (typeof consentAnswers)[number];

export const referralClockRules = ['referral.response', 'referral.completion'] as const;
export type ReferralClockRule = (typeof referralClockRules)[number];
