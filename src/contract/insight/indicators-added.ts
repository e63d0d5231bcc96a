/*
 * Indicators added in session 12 (issue 20's remaining list), kept beside the first ones so each file
 * stays readable; `problems.ts` merges them into one definition table. Pure.
 */

/** The seed's four-step mechanism as the case statuses group into it (a case's step at a moment). */
export const caseSteps = ['report', 'emergency', 'assessment', 'intervention', 'monitoring'] as const;
export type CaseStep = (typeof caseSteps)[number];

/** Exit reasons grouped as the classified-security ledger reports them. */
export const exitGroups = ['adopted', 'reunited', 'aged_out', 'died', 'other'] as const;
export type ExitGroup = (typeof exitGroups)[number];

/** The categories of children in difficulty not already shown under family function. */
export const shownCategories = [
  'poverty',
  'disability',
  'orphan',
  'left_behind',
  'street',
  'juvenile_victim',
  'juvenile_offender',
] as const;
/** Receivers of referrals grouped by the government sector they belong to (§4.2.1). */
export const receiverSectors = ['civil_affairs', 'education', 'health', 'police_justice', 'other'] as const;
export type ReceiverSector = (typeof receiverSectors)[number];
export const sectorOfKind: Record<string, ReceiverSector> = {
  civil_affairs_bureau: 'civil_affairs',
  rescue_station: 'civil_affairs',
  minor_protection_centre: 'civil_affairs',
  child_welfare_home: 'civil_affairs',
  education: 'education',
  school: 'education',
  health: 'health',
  hospital: 'health',
  police: 'police_justice',
  procuratorate: 'police_justice',
  court: 'police_justice',
};

export const shownRiskGrades = ['high', 'medium_high', 'medium_low', 'low'] as const;

const count = <P extends string, W extends 'higher' | 'lower' | 'none'>(problem: P, worseWhen: W) =>
  ({ problem, kind: 'count', worseWhen }) as const;

export const addedIndicatorDefinitions = {
  'reports.mandated': count('mechanism', 'none'),
  'reports.mandated_in_time_rate': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'reports.mandated_in_time',
    over: 'reports.mandated_known',
    worseWhen: 'lower',
  },
  'cases.step_report': count('mechanism', 'none'),
  'cases.step_emergency': count('mechanism', 'none'),
  'cases.step_assessment': count('mechanism', 'none'),
  'cases.step_intervention': count('mechanism', 'none'),
  'cases.step_monitoring': count('mechanism', 'none'),
  'cases.oldest_open_days': count('mechanism', 'higher'),
  'cases.mean_days_report_to_close': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'cases.report_close_days',
    over: 'cases.report_closed',
    scale: 1,
    worseWhen: 'higher',
  },
  'cases.caseload_per_manager': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'cases.managed',
    over: 'cases.managers',
    scale: 1,
    worseWhen: 'higher',
  },
  'cases.caseload_per_organisation': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'cases.open',
    over: 'cases.lead_organisations',
    scale: 1,
    worseWhen: 'higher',
  },
  'services.planned': count('mechanism', 'none'),
  'services.delivered_rate': {
    problem: 'mechanism',
    kind: 'rate',
    of: 'services.delivered_by_due',
    over: 'services.due',
    worseWhen: 'lower',
  },
  'conference.escalated': count('mechanism', 'none'),
  'conference.actions_done': count('mechanism', 'none'),
  'conference.actions_cancelled': count('mechanism', 'none'),
  'conference.actions_overdue': count('mechanism', 'higher'),
  'government.matrix_overlaps': count('government', 'higher'),
  'government.matrix_gaps': count('government', 'higher'),
  'referrals.declined_civil_affairs': count('government', 'higher'),
  'referrals.declined_education': count('government', 'higher'),
  'referrals.declined_health': count('government', 'higher'),
  'referrals.declined_police_justice': count('government', 'higher'),
  'referrals.declined_other': count('government', 'higher'),
  'referrals.overdue_civil_affairs': count('government', 'higher'),
  'referrals.overdue_education': count('government', 'higher'),
  'referrals.overdue_health': count('government', 'higher'),
  'referrals.overdue_police_justice': count('government', 'higher'),
  'referrals.overdue_other': count('government', 'higher'),
  'society.social_workers': count('society', 'lower'),
  'society.workers_per_10k': {
    problem: 'society',
    kind: 'rate',
    of: 'society.social_workers',
    over: 'children.in_difficulty',
    scale: 10_000,
    worseWhen: 'lower',
  },
  'society.counties_without': count('society', 'higher'),
  'funding.outputs_rate': {
    problem: 'funding',
    kind: 'rate',
    of: 'funding.outputs_achieved',
    over: 'funding.outputs_target',
    worseWhen: 'lower',
  },
  'family.state_guardianship': count('family', 'none'),
  'family.revocations_filed': count('family', 'none'),
  'family.revocations': count('family', 'none'),
  'family.reassessed_rate': {
    problem: 'family',
    kind: 'rate',
    of: 'family.reassessed_on_time',
    over: 'family.reassessment_due',
    worseWhen: 'lower',
  },
  'family.entrusted_rate': {
    problem: 'family',
    kind: 'rate',
    of: 'family.entrusted_on_time',
    over: 'family.entrusted_due',
    worseWhen: 'lower',
  },
  'security.verified_in_time_rate': {
    problem: 'funding',
    kind: 'rate',
    of: 'security.verified_on_time',
    over: 'security.verification_due',
    worseWhen: 'lower',
  },
  'security.decided_in_time_rate': {
    problem: 'funding',
    kind: 'rate',
    of: 'security.decided_on_time',
    over: 'security.decision_due',
    worseWhen: 'lower',
  },
  'security.category_poverty': count('funding', 'none'),
  'security.category_disability': count('funding', 'none'),
  'security.category_orphan': count('funding', 'none'),
  'security.category_left_behind': count('funding', 'none'),
  'security.category_street': count('funding', 'higher'),
  'security.category_juvenile_victim': count('funding', 'higher'),
  'security.category_juvenile_offender': count('funding', 'higher'),
  'security.risk_high': count('funding', 'higher'),
  'security.risk_medium_high': count('funding', 'higher'),
  'security.risk_medium_low': count('funding', 'none'),
  'security.risk_low': count('funding', 'none'),
  'security.exits_adopted': count('funding', 'none'),
  'security.exits_reunited': count('funding', 'none'),
  'security.exits_aged_out': count('funding', 'none'),
  'security.exits_died': count('funding', 'higher'),
  'security.exits_other': count('funding', 'none'),
} as const;

/** The counts the added indicators store (their counts and the parts of their rates). */
export const addedStoredCounts = [
  'reports.mandated',
  'reports.mandated_known',
  'reports.mandated_in_time',
  'cases.step_report',
  'cases.step_emergency',
  'cases.step_assessment',
  'cases.step_intervention',
  'cases.step_monitoring',
  'cases.oldest_open_days',
  'cases.report_closed',
  'cases.report_close_days',
  'cases.managed',
  'cases.managers',
  'cases.lead_organisations',
  'services.planned',
  'services.due',
  'services.delivered_by_due',
  'conference.escalated',
  'conference.actions_done',
  'conference.actions_cancelled',
  'conference.actions_overdue',
  'government.matrix_overlaps',
  'government.matrix_gaps',
  'referrals.declined_civil_affairs',
  'referrals.declined_education',
  'referrals.declined_health',
  'referrals.declined_police_justice',
  'referrals.declined_other',
  'referrals.overdue_civil_affairs',
  'referrals.overdue_education',
  'referrals.overdue_health',
  'referrals.overdue_police_justice',
  'referrals.overdue_other',
  'society.social_workers',
  'society.counties_without',
  'funding.outputs_target',
  'funding.outputs_achieved',
  'family.state_guardianship',
  'family.revocations_filed',
  'family.revocations',
  'family.reassessment_due',
  'family.reassessed_on_time',
  'family.entrusted_due',
  'family.entrusted_on_time',
  'security.verification_due',
  'security.verified_on_time',
  'security.decision_due',
  'security.decided_on_time',
  'security.category_poverty',
  'security.category_disability',
  'security.category_orphan',
  'security.category_left_behind',
  'security.category_street',
  'security.category_juvenile_victim',
  'security.category_juvenile_offender',
  'security.risk_high',
  'security.risk_medium_high',
  'security.risk_medium_low',
  'security.risk_low',
  'security.exits_adopted',
  'security.exits_reunited',
  'security.exits_aged_out',
  'security.exits_died',
  'security.exits_other',
] as const;

/**
 * Stored counts that are a largest value, not a sum: a place's figure is the largest of its
 * divisions' (the stored totals take the max, not the sum).
 */
export const largestStoredCounts: readonly string[] = ['cases.oldest_open_days'];
