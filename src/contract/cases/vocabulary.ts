/* The fixed words of the case workflow, as the API sends and accepts them. Pure. */

/** Invariant 3: a case's status is a fold over its action log (the fold lives in features/cases/rules.ts). */
export const caseStatuses = [
  'reported',
  'acknowledged',
  'emergency_response',
  'assessment',
  'assistance',
  'guardianship_intervention',
  'monitoring',
  'closure_requested',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * Every action of the log, including those the system records (`open`, `report_joined`,
 * `lead_transferred`, `sibling_linked`).
 */
export const actionTypes = [
  'open',
  'report_joined',
  'acknowledge',
  'emergency_response',
  'assessment',
  'assistance_plan',
  'case_conference',
  'guardianship_intervention',
  'add_participant',
  'start_monitoring',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'reopen',
  'lead_transferred',
  'sibling_linked',
] as const;
export type ActionType = (typeof actionTypes)[number];

/** Actions a person chooses, in the order the buttons appear. */
export const userActionTypes = [
  'acknowledge',
  'emergency_response',
  'assessment',
  'assistance_plan',
  'case_conference',
  'guardianship_intervention',
  'add_participant',
  'start_monitoring',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'reopen',
] as const satisfies readonly Exclude<ActionType, 'open' | 'report_joined' | 'lead_transferred' | 'sibling_linked'>[];
export type UserActionType = (typeof userActionTypes)[number];

/**
 * The child's four risk grades. The registry's contract owns this word list; it is repeated here so
 * the cases contract stands alone until the two are merged.
 */
export const riskGrades = ['low', 'medium_low', 'medium_high', 'high'] as const;
export type RiskGrade = (typeof riskGrades)[number];

/** The assessment tool's sections (DOMAIN.md §8); each scored 0 (no concern) to 4 (severe). */
export const assessmentSections = [
  'safety',
  'guardianship_capacity',
  'physical_health',
  'mental_health',
  'education',
  'living_conditions',
] as const;
export type AssessmentSection = (typeof assessmentSections)[number];

/** Circumstances that skip scoring and set the top grade (the emergency override). */
export const emergencyOverrides = [
  'abused',
  'trafficked',
  'illegally_employed',
  'runaway_or_street',
  'no_means_of_living',
  'life_in_danger',
] as const;
export type EmergencyOverride = (typeof emergencyOverrides)[number];

export const emergencyMeasures = [
  'parents_ordered_back',
  'entrusted_guardian_named',
  'escort_relative',
  'escort_village_committee',
  'escort_rescue_station',
  'escort_protection_centre',
  'escort_welfare_institution',
  'violence_stopped',
  'medical_care',
] as const;
export type EmergencyMeasure = (typeof emergencyMeasures)[number];

export const placementKinds = [
  'relative',
  'foster_family',
  'village_committee',
  'rescue_station',
  'minor_protection_centre',
  'welfare_home',
] as const;
export type PlacementKind = (typeof placementKinds)[number];

/** The measures of a guardianship intervention, in the order of the law's escalation. */
export const interventionMeasures = [
  'admonishment',
  'family_education_guidance_order',
  'protection_order',
  'temporary_state_guardianship',
  'revocation_application',
  'long_term_state_guardianship',
  'return_home_assessment',
] as const;
export type InterventionMeasure = (typeof interventionMeasures)[number];

/** The seven grounds of temporary state guardianship (DOMAIN.md §3). */
export const temporaryGuardianshipGrounds = [
  'begging_or_unknown_identity',
  'guardian_missing',
  'guardian_unable',
  'guardian_refuses_or_neglects',
  'used_for_crime',
  'serious_harm_needs_placement',
  'other_legal_case',
] as const;
export const longTermGuardianshipBases = [
  'parents_not_found',
  'parents_dead',
  'parents_incapacitated_no_substitute',
  'guardianship_revoked',
] as const;
export const revocationGrounds = [
  'serious_abuse',
  'abandonment',
  'refused_duty_6_months',
  'left_in_danger_after_education',
  'other',
] as const;
export const revocationDecisions = ['pending', 'revoked', 'rejected'] as const;
export const goalStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;

export const caseOrganisationRoles = ['lead', 'participant'] as const;
export type CaseOrganisationRole = (typeof caseOrganisationRoles)[number];

/**
 * A clock's states. The clocks contract owns this word list; repeated here (as for risk grades)
 * so the case view's schema stands alone until the merge.
 */
export const clockStates = ['running', 'met', 'missed', 'paused'] as const;
export type ClockState = (typeof clockStates)[number];

/** The deadlines a case file shows: those of its reports' recipients, of the case, of a placement. */
export const caseClockRules = [
  'report.acknowledge',
  'report.emergency_response',
  'case.assessment',
  'case.plan',
  'case.review',
  'case.closure_approval',
  'placement.rescue_station_stay',
] as const;
export type CaseClockRule = (typeof caseClockRules)[number];
