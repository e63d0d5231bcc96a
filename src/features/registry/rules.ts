import { parseIdNumber } from './id-number.js';
import type { ProtectionMeasure, RelationCode } from '../../contract/registry/child.js';
import type { RegistryRules } from './rule-sections.js';
import type { CategoryCode, SituationKind } from './tables.js';

/*
 * Classified security (分类保障), pure: which categories the facts of a child support on a date.
 * Rules only propose; staff confirm or reject. Thresholds come from the `registry` rule section.
 */

export interface SituationFact {
  kind: SituationKind;
  since: string | null;
  until: string | null;
  disabilityGrade: number | null;
  disabilityType: string | null;
}

export interface MemberFact {
  relation: string;
  guardianshipCapacity: 'full' | 'partial' | 'none' | null;
  situations: readonly SituationFact[];
}

export interface ChildFacts {
  birthDate: string | null;
  disabilityGrade: number | null;
  disabilityType: string | null;
  householdBenefits: readonly string[];
  members: readonly MemberFact[];
}

export type EvidenceParams = Record<string, string | number>;

export interface CategoryProposal {
  category: CategoryCode;
  ruleId: string;
  evidence: { code: string; params: EvidenceParams };
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole years completed on the date (a child born 29 February turns a year older on 1 March). */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

const inEffect = (s: SituationFact, asOf: string) =>
  (s.since === null || s.since <= asOf) && (s.until === null || s.until > asOf);
const lastedAtLeast = (s: SituationFact, months: number, asOf: string) =>
  s.since !== null && addMonths(s.since, months) <= asOf;

type Inability =
  | 'out_of_contact'
  | 'imprisoned'
  | 'drug_rehabilitation'
  | 'severe_disability'
  | 'severe_illness'
  | 'deported';

interface ParentState {
  /** Deceased, or missing long enough to count as declared missing. */
  gone?: { state: 'deceased' | 'missing'; since: string };
  unable?: { reason: Inability; since: string };
  away?: { since: string };
  noCapacity: boolean;
}

function inabilityOf(s: SituationFact, rules: RegistryRules, asOf: string): Inability | undefined {
  if (!inEffect(s, asOf)) return undefined;
  switch (s.kind) {
    case 'missing':
      return lastedAtLeast(s, rules.qualifyingMonths, asOf) ? 'out_of_contact' : undefined;
    case 'imprisoned': {
      // A term of at least the threshold qualifies from its first day; an open-ended one once it has lasted.
      const term = s.since !== null && s.until !== null && addMonths(s.since, rules.qualifyingMonths) <= s.until;
      return term || lastedAtLeast(s, rules.qualifyingMonths, asOf) ? 'imprisoned' : undefined;
    }
    case 'drug_rehabilitation':
      return 'drug_rehabilitation';
    case 'severe_illness':
      return 'severe_illness';
    case 'deported':
      return 'deported';
    case 'disabled':
      return isSevereDisability(s.disabilityGrade, s.disabilityType, rules) ? 'severe_disability' : undefined;
    default:
      return undefined;
  }
}

function isSevereDisability(grade: number | null, type: string | null, rules: RegistryRules): boolean {
  if (grade === null) return false;
  return (
    rules.severeDisabilityGrades.includes(grade) ||
    (rules.mentalDisabilityGrades.includes(grade) && type !== null && rules.mentalDisabilityTypes.includes(type))
  );
}

function parentState(member: MemberFact, rules: RegistryRules, asOf: string): ParentState {
  const state: ParentState = { noCapacity: member.guardianshipCapacity === 'none' };
  for (const s of member.situations) {
    const since = s.since ?? '';
    if (s.kind === 'deceased' && (s.since === null || s.since <= asOf)) state.gone = { state: 'deceased', since };
    else if (s.kind === 'missing' && inEffect(s, asOf) && lastedAtLeast(s, rules.declaredMissingMonths, asOf))
      state.gone ??= { state: 'missing', since };
    if (
      s.kind === 'working_away' &&
      inEffect(s, asOf) &&
      (rules.workingAwayMinMonths === 0 || lastedAtLeast(s, rules.workingAwayMinMonths, asOf))
    )
      state.away = { since };
    const reason = inabilityOf(s, rules, asOf);
    if (reason && !state.unable) state.unable = { reason, since };
  }
  return state;
}

const parentSlots: Record<string, 'father' | 'mother'> = {
  father: 'father',
  adoptive_father: 'father',
  mother: 'mother',
  adoptive_mother: 'mother',
};

/** The legal parents: an adoptive parent takes the place of the birth parent. */
export function parentsOf(members: readonly MemberFact[]): { father?: MemberFact; mother?: MemberFact } {
  const parents: { father?: MemberFact; mother?: MemberFact } = {};
  for (const member of members) {
    const slot = parentSlots[member.relation as RelationCode];
    if (!slot) continue;
    if (!parents[slot] || member.relation.startsWith('adoptive_')) parents[slot] = member;
  }
  return parents;
}

function describe(role: 'father' | 'mother', state: ParentState): EvidenceParams {
  const fact = state.gone
    ? { what: state.gone.state, since: state.gone.since }
    : state.unable
      ? { what: state.unable.reason, since: state.unable.since }
      : { what: 'working_away', since: state.away?.since ?? '' };
  return { [role]: fact.what, [`${role}Since`]: fact.since };
}

export function proposeCategories(facts: ChildFacts, rules: RegistryRules, asOf: string): CategoryProposal[] {
  const age = facts.birthDate === null ? null : ageOn(facts.birthDate, asOf);
  if (age !== null && (age < 0 || age >= rules.childAgeLimit)) return [];
  const proposals: CategoryProposal[] = [];
  const { father, mother } = parentsOf(facts.members);
  if (father && mother) {
    const f = parentState(father, rules, asOf);
    const m = parentState(mother, rules, asOf);
    const params = { ...describe('father', f), ...describe('mother', m) };
    const cannotSupport = (p: ParentState) => p.gone !== undefined || p.unable !== undefined;
    if (f.gone && m.gone) {
      proposals.push({
        category: 'orphan',
        ruleId: 'orphan.both_parents_gone',
        evidence: { code: 'registry.evidence.orphan', params },
      });
    } else if (cannotSupport(f) && cannotSupport(m)) {
      const ruleId = f.gone || m.gone ? 'de_facto.one_gone_other_unable' : 'de_facto.both_unable';
      proposals.push({
        category: 'de_facto_unsupported',
        ruleId,
        evidence: { code: 'registry.evidence.de_facto_unsupported', params },
      });
    }
    if (age === null || age < rules.leftBehindAgeLimit) {
      const unableToCare = (p: ParentState) => cannotSupport(p) || p.noCapacity;
      if (f.away && m.away) {
        proposals.push({
          category: 'left_behind',
          ruleId: 'left_behind.both_away',
          evidence: { code: 'registry.evidence.left_behind', params },
        });
      } else if ((f.away && unableToCare(m)) || (m.away && unableToCare(f))) {
        const named = (role: 'father' | 'mother', p: ParentState): EvidenceParams =>
          p.away || cannotSupport(p) ? describe(role, p) : { [role]: 'no_capacity', [`${role}Since`]: '' };
        const evidence = { ...named('father', f), ...named('mother', m) };
        proposals.push({
          category: 'left_behind',
          ruleId: 'left_behind.one_away_other_unable',
          evidence: { code: 'registry.evidence.left_behind', params: evidence },
        });
      }
    }
  }
  if (facts.disabilityGrade !== null) {
    proposals.push({
      category: 'disability',
      ruleId: 'disability.certified',
      evidence: {
        code: 'registry.evidence.disability',
        params: { grade: facts.disabilityGrade, type: facts.disabilityType ?? '' },
      },
    });
  }
  const benefits = facts.householdBenefits.filter((b) => rules.povertyBenefits.includes(b));
  if (benefits.length > 0) {
    proposals.push({
      category: 'poverty',
      ruleId: 'poverty.household_benefit',
      evidence: { code: 'registry.evidence.poverty', params: { benefits: [...benefits].sort().join(',') } },
    });
  }
  return proposals;
}

/** Protection measures of the confirmed categories, each with the categories that give it. */
export function entitlementsOf(
  confirmed: readonly CategoryCode[],
  rules: RegistryRules,
): { measure: ProtectionMeasure; categories: CategoryCode[] }[] {
  const byMeasure = new Map<ProtectionMeasure, CategoryCode[]>();
  for (const category of [...new Set(confirmed)]) {
    for (const measure of rules.entitlements[category])
      byMeasure.set(measure, [...(byMeasure.get(measure) ?? []), category]);
  }
  return [...byMeasure.entries()].map(([measure, categories]) => ({ measure, categories }));
}

export interface IdentityProblem {
  code: string;
  field: 'idNumber' | 'birthDate' | 'sex';
  params: Record<string, string | number>;
}

export interface Identity {
  idNumber: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
}

/**
 * The ID number, birth date and sex must agree. A missing birth date or sex is taken from the ID
 * number; a disagreement is a problem naming both values, for the user to resolve.
 */
export function checkIdentity(
  input: Identity,
  today: string,
  rules: RegistryRules,
): { identity: Identity; problems: IdentityProblem[] } {
  const problems: IdentityProblem[] = [];
  const identity: Identity = { ...input, idNumber: input.idNumber?.trim() ? input.idNumber.trim() : null };
  if (identity.idNumber !== null) {
    const parsed = parseIdNumber(identity.idNumber);
    if (!parsed.ok) {
      problems.push({ code: 'registry.id_invalid', field: 'idNumber', params: { problem: parsed.problem } });
    } else {
      identity.idNumber = parsed.id.value;
      if (identity.birthDate && identity.birthDate !== parsed.id.birthDate) {
        problems.push({
          code: 'registry.id_birth_date_mismatch',
          field: 'birthDate',
          params: { idBirthDate: parsed.id.birthDate, birthDate: identity.birthDate },
        });
      }
      if (identity.sex && identity.sex !== parsed.id.sex)
        problems.push({
          code: 'registry.id_sex_mismatch',
          field: 'sex',
          params: { idSex: parsed.id.sex, sex: identity.sex },
        });
      identity.birthDate ??= parsed.id.birthDate;
      identity.sex ??= parsed.id.sex;
    }
  }
  if (identity.birthDate !== null && problems.every((p) => p.field !== 'birthDate')) {
    if (identity.birthDate > today)
      problems.push({
        code: 'registry.birth_date_future',
        field: 'birthDate',
        params: { birthDate: identity.birthDate, today },
      });
    else if (ageOn(identity.birthDate, today) >= rules.childAgeLimit) {
      problems.push({
        code: 'registry.too_old',
        field: 'birthDate',
        params: { birthDate: identity.birthDate, limit: rules.childAgeLimit },
      });
    }
  }
  return { identity, problems };
}
