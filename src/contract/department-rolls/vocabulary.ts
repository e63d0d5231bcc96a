/* Rolls from other departments (issue 18, "data from other departments"): who sends them and what each row says. Pure. */

export const departments = [
  'public_security',
  'justice',
  'health',
  'education',
  'disabled_persons_federation',
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
] as const;
export type RollKind = (typeof rollKinds)[number];

/** Which department may send which kind of roll. */
export const kindsOfDepartment: Record<Department, readonly RollKind[]> = {
  public_security: ['imprisonment', 'household_registration'],
  justice: ['imprisonment', 'drug_rehabilitation'],
  health: ['disability', 'serious_illness'],
  education: ['school_enrolment', 'school_dropout'],
  disabled_persons_federation: ['disability'],
};

/** Kinds whose ID number is a parent's (matched to family members), not the child's. */
export const personRollKinds: readonly RollKind[] = ['imprisonment', 'drug_rehabilitation'];

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
] as const;
export type RollColumn = (typeof rollColumns)[number];

export const rowOutcomes = ['matched', 'unmatched', 'invalid'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

export const proposalStatuses = ['proposed', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
