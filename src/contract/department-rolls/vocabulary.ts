/* Rolls from other departments (issue 18, "data from other departments"): who sends them and what each row says. Pure. */

export const departments = [
  'public_security',
  'justice',
  'health',
  'education',
  'disabled_persons_federation',
  'social_assistance',
] as const;
export type Department = (typeof departments)[number];

/**
 * What a roll lists. A person roll (imprisonment, drug rehabilitation) names a parent by the
 * parent's ID number; the others name the child by the child's.
 */
export const rollKinds = [
  'imprisonment',
  'drug_rehabilitation',
  'household_registration',
  'disability',
  'serious_illness',
  'school_enrolment',
  'school_dropout',
  'death',
  'dibao_tekun',
] as const;
export type RollKind = (typeof rollKinds)[number];

/** Which department may send which kind of roll. */
export const kindsOfDepartment: Record<Department, readonly RollKind[]> = {
  public_security: ['imprisonment', 'household_registration', 'death'],
  justice: ['imprisonment', 'drug_rehabilitation'],
  health: ['disability', 'serious_illness', 'death'],
  education: ['school_enrolment', 'school_dropout'],
  disabled_persons_federation: ['disability'],
  social_assistance: ['dibao_tekun'],
};

/** Kinds whose ID number is a parent's (matched to family members), not the child's; a death roll names a parent who died. */
export const personRollKinds: readonly RollKind[] = ['imprisonment', 'drug_rehabilitation', 'death'];

/** The columns a roll may have; `idNumber` is required, the rest depend on the kind. */
export const rollColumns = [
  'idNumber',
  'name',
  'since',
  'until',
  'grade',
  'disabilityType',
  'detail',
  'place',
  'birthDate',
  'division',
  'assistance',
  'change',
] as const;
export type RollColumn = (typeof rollColumns)[number];

/**
 * How sure a match is: by ID number (certain); name + birth date + village (strong); name + birth
 * date + county, a former name or a variant of the name with the same pinyin, or no place on the
 * roll (weak); two or more children equally likely (ambiguous, never chosen by Haven). Weak and
 * ambiguous matches are confirmed by a person before the fact is written.
 */
export const matchLevels = ['certain', 'strong', 'weak', 'ambiguous'] as const;
export type MatchLevel = (typeof matchLevels)[number];
export const matchReasons = [
  'id_number',
  'same_name',
  'former_name',
  'same_pinyin',
  'same_birth_date',
  'same_village',
  'same_township',
  'same_county',
  'no_place',
  'other_candidates',
  'id_number_not_found',
] as const;
export type MatchReason = (typeof matchReasons)[number];

export const rowOutcomes = ['matched', 'unmatched', 'invalid'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

export const proposalStatuses = ['proposed', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** The columns worth mapping for a kind (the person sees these in the mapping step). */
export const columnsOfKind: Record<RollKind, readonly RollColumn[]> = {
  imprisonment: ['since', 'until', 'place'],
  drug_rehabilitation: ['since', 'until', 'place'],
  death: ['since'],
  household_registration: ['detail'],
  disability: ['grade', 'disabilityType', 'detail'],
  serious_illness: ['detail'],
  school_enrolment: ['detail', 'grade'],
  school_dropout: ['detail', 'since'],
  dibao_tekun: ['assistance', 'change', 'since', 'until'],
};

/**
 * A 低保/特困 roll (social assistance) names the child of a household on 低保 or a child supported
 * as 特困; a row whose change column says the household left (or whose end date has come) ends it.
 */
export const householdAssistances = ['dibao', 'tekun'] as const;
export type HouseholdAssistance = (typeof householdAssistances)[number];
export const assistanceChanges = ['entered', 'left'] as const;
export type AssistanceChange = (typeof assistanceChanges)[number];
