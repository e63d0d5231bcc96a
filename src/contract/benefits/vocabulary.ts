/* The benefits' vocabulary (分类保障 in money): types, statuses, actions, applicants, flags. Pure. */

/** Benefit types of the national child-welfare system (DOMAIN.md §8); local ones come from the rule set. */
export const nationalBenefitTypes = ['201', '202', '120', '121', '300', '205'] as const;
export type NationalBenefitType = (typeof nationalBenefitTypes)[number];
/** A local type's code as a rule set names it: `local.<name>`. */
export const localBenefitTypePattern = /^local\.[a-z][a-z0-9_]{1,40}$/;

export const applicationStatuses = [
  'received',
  'verifying',
  'verified',
  'approved',
  'refused',
  'withdrawn',
  'ended',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
/** Statuses in which an application is still open (one open application per child and benefit). */
export const openApplicationStatuses: readonly ApplicationStatus[] = ['received', 'verifying', 'verified'];

export const applicationActions = ['receive', 'accept', 'verify', 'approve', 'refuse', 'withdraw', 'end'] as const;
export type ApplicationAction = (typeof applicationActions)[number];

export const applicantKinds = ['guardian', 'relative', 'village_committee'] as const;
/** Who an application is recorded as from: a person's choices, or a department's roll (opened by Haven on a confirmed fact). */
export const recordedApplicantKinds = [...applicantKinds, 'department_data'] as const;
export type ApplicantKind = (typeof recordedApplicantKinds)[number];

/** Documents an application may come with (the township checks them). */
export const applicationDocuments = [
  'application_form',
  'household_register',
  'id_card',
  'death_certificate',
  'missing_certificate',
  'judgment_or_detention',
  'disability_certificate',
  'illness_diagnosis',
  'rehabilitation_certificate',
  'school_enrolment',
  'other',
] as const;

/** Where the registry disagrees with an application (data matching by the township). */
export const matchingFlags = [
  'category_not_in_registry',
  'category_rejected',
  'over_age',
  'child_not_active',
  'parents_not_both_gone',
  'no_parent_facts',
  'situation_ended',
] as const;
export type MatchingFlag = (typeof matchingFlags)[number];

/** Recommendations a verification closes with. */
export const recommendations = ['approve', 'refuse'] as const;

/**
 * The national child-welfare system's category codes (DOMAIN.md §8), carried in every payment
 * export: 1 orphans raised in welfare institutions … 9 in difficulty.
 */
export const nationalCategoryCodes = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type NationalCategoryCode = (typeof nationalCategoryCodes)[number];

/** The national category a national benefit type is reported under. */
export const nationalCategoryOfBenefit: Record<NationalBenefitType, NationalCategoryCode> = {
  '201': '3',
  '202': '1',
  '121': '2',
  '120': '5',
  '300': '6',
  '205': '3',
};

export const paymentChangeKinds = ['new', 'ended', 'amount_changed'] as const;
export type PaymentChangeKind = (typeof paymentChangeKinds)[number];
/** Why a benefit's payment changed from the previous run. */
export const paymentChangeReasons = [
  'first_run',
  'approved',
  'resumed',
  'renewed',
  'exit',
  'suspended',
  'aged_out',
  'renewal_ended',
  'ended',
  'not_yet',
  'standard',
  'top_up',
  'arrears',
] as const;
export type PaymentChangeReason = (typeof paymentChangeReasons)[number];

export const renewalStatuses = ['about_to_age_out', 'awaiting_renewal', 'renewed', 'renewal_ended'] as const;
export type RenewalStatus = (typeof renewalStatuses)[number];
export const renewalEndReasons = ['studies_ended', 'left_school', 'benefit_ended', 'other'] as const;
export type RenewalEndReason = (typeof renewalEndReasons)[number];
