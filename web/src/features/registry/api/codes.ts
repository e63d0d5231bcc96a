// The registry's fixed vocabularies, as the server names them (src/features/registry/tables.ts).
export const childStatuses = ['active', 'aged_out', 'exited', 'merged'] as const;
/** What the list can filter by ('all' included; merged files are never listed). */
export const listStatuses = ['active', 'aged_out', 'exited', 'all'] as const;
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
export const relations = [
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
/** Categories staff add by hand; the others come from rules as proposals. */
export const manualCategoryCodes = ['street', 'juvenile_victim', 'juvenile_offender', 'guardianship_missing'] as const;
export const protectionMeasures = [
  'basic_living',
  'medical',
  'education',
  'guardianship',
  'disability_services',
] as const;
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
export const ageBands = ['0-2', '3-5', '6-11', '12-15', '16-17'] as const;
