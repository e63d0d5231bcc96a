/* The registry's fixed vocabularies, as the API names them (the web shows them, the database stores them). Pure. */

export const childStatuses = ['active', 'aged_out', 'exited', 'merged'] as const;
export type ChildStatus = (typeof childStatuses)[number];
export const riskGrades = ['low', 'medium_low', 'medium_high', 'high'] as const;
export type RiskGrade = (typeof riskGrades)[number];
export const categoryCodes = [
  'poverty',
  'disability',
  'guardianship_missing',
  'orphan',
  'de_facto_unsupported',
  'left_behind',
  'street',
  'juvenile_victim',
  'juvenile_offender',
] as const;
export type CategoryCode = (typeof categoryCodes)[number];
export const categoryStates = ['proposed', 'confirmed', 'rejected', 'ended'] as const;
export type CategoryState = (typeof categoryStates)[number];
export const situationKinds = [
  'present',
  'working_away',
  'deceased',
  'missing',
  'imprisoned',
  'drug_rehabilitation',
  'severe_illness',
  'disabled',
  'deported',
] as const;
export type SituationKind = (typeof situationKinds)[number];
export const guardianshipCapacities = ['full', 'partial', 'none'] as const;
export type GuardianshipCapacity = (typeof guardianshipCapacities)[number];
export const relationCodes = [
  'father',
  'mother',
  'adoptive_father',
  'adoptive_mother',
  'stepfather',
  'stepmother',
  'grandfather',
  'grandmother',
  'sibling',
  'relative',
  'entrusted_carer',
  'other',
] as const;
export type RelationCode = (typeof relationCodes)[number];
export const disabilityTypes = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export const householdBenefitCodes = ['dibao', 'tekun', 'temporary_assistance'] as const;
export const manualCategoryCodes = ['street', 'juvenile_victim', 'juvenile_offender', 'guardianship_missing'] as const;
export const protectionMeasures = [
  'basic_living',
  'medical',
  'education',
  'guardianship',
  'disability_services',
] as const;
export type ProtectionMeasure = (typeof protectionMeasures)[number];

/** Why two files may be the same child (message key registry.duplicates.reason.<code>). */
export const duplicateReasonCodes = [
  'same_id_number',
  'different_id_numbers',
  'same_name',
  'former_name',
  'same_pinyin',
  'one_char_different',
  'same_birth_date',
  'birth_date_one_day',
  'birth_day_month_swapped',
  'birth_same_month',
  'same_village',
  'same_township',
  'same_county',
  'shared_guardian_phone',
  'shared_guardian_name',
] as const;
export type DuplicateReasonCode = (typeof duplicateReasonCodes)[number];

/** The orders and status filters of the children list ('all' included; merged files are never listed). */
export const listSorts = ['relevance', 'name', 'birth_date', 'birth_date_desc', 'updated', 'haven_code'] as const;
export type ListSort = (typeof listSorts)[number];
export const listStatuses = ['active', 'aged_out', 'exited', 'all'] as const;
