// The workflow's fixed vocabularies, as the server names them (src/features/reports, cases, clocks).

/** The nine statutory situations that trigger a mandatory report (DOMAIN.md §3), numbered 1–9. */
export const situationNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type SituationNumber = (typeof situationNumbers)[number];

export const hotlineLines = ['12338', '12355', '12345', '110'] as const;
export type HotlineLine = (typeof hotlineLines)[number];

export const reportChannels = ['hotline', 'mandated', 'public', 'staff'] as const;
export type ReportChannel = (typeof reportChannels)[number];

export const recipientRoles = ['police', 'civil_affairs', 'education', 'township', 'village'] as const;
export type RecipientRole = (typeof recipientRoles)[number];

export const callerRelations = [
  'neighbour',
  'relative',
  'parent',
  'child_self',
  'teacher',
  'medical',
  'village_cadre',
  'passer_by',
  'other',
] as const;

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

export const riskGrades = ['low', 'medium_low', 'medium_high', 'high'] as const;
export type RiskGrade = (typeof riskGrades)[number];

export const clockStates = ['running', 'met', 'missed', 'paused'] as const;
export type ClockState = (typeof clockStates)[number];

export const escalationTargets = ['owner', 'director', 'supervisor', 'civil_affairs', 'joint_conference'] as const;

/** The six sections of the assessment tool, each scored 0 (no concern) to 4 (severe). */
export const assessmentSections = [
  'safety',
  'guardianship_capacity',
  'physical_health',
  'mental_health',
  'education',
  'living_conditions',
] as const;
export type AssessmentSection = (typeof assessmentSections)[number];
/** Circumstances that set the top grade whatever the scores. */
export const emergencyOverrides = [
  'abused',
  'trafficked',
  'illegally_employed',
  'runaway_or_street',
  'no_means_of_living',
  'life_in_danger',
] as const;

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

/** The seven legal grounds of temporary state guardianship (DOMAIN.md §3). */
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
export const placementKinds = [
  'relative',
  'foster_family',
  'village_committee',
  'rescue_station',
  'minor_protection_centre',
  'welfare_home',
] as const;
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
export const goalStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;

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
] as const;
export type UserActionType = (typeof userActionTypes)[number];
