import { composeIdNumber } from '../../features/registry/id-number.js';
import { addMonths, ageOn, proposeCategories } from '../../features/registry/rules.js';
import type { RegistryRules } from '../../features/registry/rule-sections.js';
import type { CategoryCode, RiskGrade } from '../../features/registry/tables.js';
import { manualCategories, scenarioRisk, scenarios, synthFamily, type Scenario, type SynthMember } from './family.js';
import { childGivenName, misspelt, surname } from './names.js';
import { addDays, randomDate } from './dates.js';
import type { Rng } from './prng.js';

// ISO dates (YYYY-MM-DD) order as text.
const laterOf = (a: string, b: string): string => [a, b].sort()[1] ?? a;

export interface SynthVillage {
  code: string;
  /** "陈龙村", "南桥社区" */
  name: string;
  township: string;
  county: string;
  city: string;
}

export interface SynthCategory {
  id: string;
  category: CategoryCode;
  state: 'proposed' | 'confirmed' | 'ended';
  evidence: string | null;
  ruleId: string | null;
  proposalEvidence: { code: string; params: Record<string, string | number> } | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
}

export interface SynthChild {
  id: string;
  name: string;
  familyName: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
  address: string;
  village: SynthVillage;
  ethnicity: string;
  school: string | null;
  grade: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  disabilityCertificate: string | null;
  seriousIllness: string | null;
  householdBenefits: string[];
  riskGrade: RiskGrade | null;
  scenario: Scenario;
  members: SynthMember[];
  categories: SynthCategory[];
  registeredAt: string;
}

export interface GeneratorContext {
  rng: Rng;
  asOf: string;
  rules: RegistryRules;
  villages: readonly SynthVillage[];
  /** Identity numbers already taken (in the database or earlier in this run). */
  takenIds: Set<string>;
  takenPhones: Set<string>;
}

const gradeNames = [
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '初一',
  '初二',
  '初三',
  '高一',
  '高二',
  '高三',
];
const evidenceTexts = [
  '村委会入户核实，监护人签字确认',
  '乡镇民政办审核，附相关证明材料',
  '儿童主任走访核实，已拍照存档',
  '县民政局复核通过',
];

export function uniquePhone(ctx: GeneratorContext): string {
  for (;;) {
    const phone = `1${ctx.rng.pick(['3', '5', '7', '8', '9'])}${String(ctx.rng.int(0, 999_999_999)).padStart(9, '0')}`;
    if (!ctx.takenPhones.has(phone)) {
      ctx.takenPhones.add(phone);
      return phone;
    }
  }
}

/** A free GB 11643 number for the county, birth date and sex (sequence odd for boys). */
export function uniqueIdNumber(
  ctx: GeneratorContext,
  county6: string,
  birthDate: string,
  sex: 'male' | 'female',
): string | null {
  const start = ctx.rng.int(0, 499);
  for (let step = 0; step < 500; step += 1) {
    const id = composeIdNumber(county6, birthDate, ((start + step) % 500) * 2 + (sex === 'male' ? 1 : 0));
    if (!ctx.takenIds.has(id)) {
      ctx.takenIds.add(id);
      return id;
    }
  }
  return null;
}

function schooling(age: number, village: SynthVillage): { school: string | null; grade: string | null } {
  if (age < 3) return { school: null, grade: null };
  if (age < 6) return { school: `${village.township}中心幼儿园`, grade: '幼儿园' };
  const grade = gradeNames[Math.min(age - 6, gradeNames.length - 1)]!;
  if (age < 12) return { school: `${village.township}中心小学`, grade };
  if (age < 15) return { school: `${village.township}初级中学`, grade };
  return { school: `${village.county}第一中学`, grade };
}

/** One fictional child with family, facts and category memberships. */
export function synthChild(ctx: GeneratorContext, village: SynthVillage): SynthChild {
  const { rng, asOf } = ctx;
  const sex = rng.chance(0.53) ? 'male' : 'female';
  const earliest = addDays(addMonths(asOf, -12 * ctx.rules.childAgeLimit), 1);
  const latestBirth = randomDate(rng, earliest, asOf);
  const age = ageOn(latestBirth, asOf);
  const familyName = surname(rng);
  const name = `${familyName}${childGivenName(rng, sex)}`;
  const county6 = village.code.slice(0, 6);
  let scenario = rng.weighted(scenarios);
  if (scenario === 'offender' && age < 12) scenario = 'poor_at_home';
  const members = synthFamily(
    { rng, familyName, county6, childBirth: latestBirth, asOf, phone: () => uniquePhone(ctx) },
    scenario,
  );
  const guardian = members.find((m) => m.isGuardian);
  const disabled = scenario === 'disabled_child' || rng.chance(0.03);
  const disabilityGrade = disabled ? rng.int(1, 4) : null;
  const householdBenefits =
    scenario === 'poor_at_home' || (scenario !== 'both_away' && rng.chance(0.3))
      ? [rng.chance(0.85) ? 'dibao' : 'tekun']
      : [];
  const registeredAt = randomDate(rng, laterOf(latestBirth, addYears(asOf, -3)), asOf);
  const child: SynthChild = {
    id: rng.uuid(),
    name,
    familyName,
    sex,
    birthDate: latestBirth,
    // A few children have no identity number yet (unregistered births): a provisional Haven file.
    idNumber: rng.chance(0.02) ? null : uniqueIdNumber(ctx, county6, latestBirth, sex),
    phone: guardian?.phone ?? null,
    address: `湖北省${village.city}${village.county}${village.township}${village.name}${rng.int(1, 12)}组${rng.int(1, 60)}号`,
    village,
    ethnicity: rng.weighted([
      ['汉族', 94],
      ['土家族', 4],
      ['回族', 1],
      ['苗族', 1],
    ] as const),
    ...schooling(age, village),
    disabilityType: disabled
      ? rng.pick(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'])
      : null,
    disabilityGrade,
    disabilityCertificate: disabled ? `${county6}${rng.int(10_000_000, 99_999_999)}${disabilityGrade}` : null,
    seriousIllness: rng.chance(0.02) ? rng.pick(['先天性心脏病', '白血病', '肾病综合征', '癫痫']) : null,
    householdBenefits,
    riskGrade: rng.weighted(scenarioRisk[scenario]),
    scenario,
    members,
    categories: [],
    registeredAt,
  };
  child.categories = categoriesOf(ctx, child);
  return child;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** What the registry's own rules propose from these facts, mostly confirmed by staff; plus manual ones. */
function categoriesOf(ctx: GeneratorContext, child: SynthChild): SynthCategory[] {
  const { rng, asOf } = ctx;
  const facts = {
    birthDate: child.birthDate,
    disabilityGrade: child.disabilityGrade,
    disabilityType: child.disabilityType,
    householdBenefits: child.householdBenefits,
    members: child.members.map((m) => ({
      relation: m.relation,
      guardianshipCapacity: m.guardianshipCapacity,
      situations: m.situations,
    })),
  };
  const categories: SynthCategory[] = proposeCategories(facts, ctx.rules, asOf).map((proposal) => {
    const confirmed = rng.chance(0.85);
    return {
      id: rng.uuid(),
      category: proposal.category,
      state: confirmed ? 'confirmed' : 'proposed',
      evidence: confirmed ? rng.pick(evidenceTexts) : null,
      ruleId: proposal.ruleId,
      proposalEvidence: proposal.evidence,
      startDate: child.registeredAt,
      endDate: null,
      endReason: null,
    };
  });
  // Left behind until 16: an older child keeps the ended membership in the file.
  const age = ageOn(child.birthDate, asOf);
  if (child.scenario === 'both_away' && age >= ctx.rules.leftBehindAgeLimit) {
    const sixteenth = addYears(child.birthDate, ctx.rules.leftBehindAgeLimit);
    categories.push({
      id: rng.uuid(),
      category: 'left_behind',
      state: 'ended',
      evidence: rng.pick(evidenceTexts),
      ruleId: 'left_behind.both_away',
      proposalEvidence: null,
      startDate: child.registeredAt < sixteenth ? child.registeredAt : addYears(sixteenth, -2),
      endDate: sixteenth,
      endReason: 'registry.end.age_limit',
    });
  }
  const manual = manualCategories[child.scenario];
  if (manual)
    categories.push({
      id: rng.uuid(),
      category: manual,
      state: 'confirmed',
      evidence: rng.pick(evidenceTexts),
      ruleId: null,
      proposalEvidence: null,
      startDate: child.registeredAt,
      endDate: null,
      endReason: null,
    });
  return categories;
}

/** The same child written down a second time: a homophone in the name, sometimes another birth day, no ID number. */
export function synthDuplicate(ctx: GeneratorContext, original: SynthChild): SynthChild {
  const { rng } = ctx;
  const name = misspelt(rng, original.name, original.familyName);
  const shiftDays = name === original.name || rng.chance(0.4) ? rng.pick([-1, 1]) : 0;
  const birth = addDays(original.birthDate, shiftDays);
  const guardian = original.members.find((m) => m.isGuardian);
  const copy: SynthMember[] = guardian
    ? [{ ...guardian, id: rng.uuid(), situations: guardian.situations.map((s) => ({ ...s, id: rng.uuid() })) }]
    : [];
  return {
    ...original,
    id: rng.uuid(),
    name,
    birthDate: birth > ctx.asOf ? original.birthDate : birth,
    idNumber: null,
    members: copy,
    categories: [],
    riskGrade: null,
    registeredAt: ctx.asOf,
  };
}
