import { composeIdNumber } from '../../features/registry/id-number.js';
import type { RelationCode } from '../../contract/registry/child.js';
import { addMonths } from '../../features/registry/rules.js';
import { addDays, randomDate } from './dates.js';
import type { CategoryCode, GuardianshipCapacity, RiskGrade, SituationKind } from '../../features/registry/tables.js';
import { adultGivenName, surname } from './names.js';
import type { Rng, WeightedTable } from './prng.js';

export interface SynthSituation {
  id: string;
  kind: SituationKind;
  place: string | null;
  since: string | null;
  until: string | null;
  disabilityGrade: number | null;
  disabilityType: string | null;
  note: string | null;
}

export interface SynthMember {
  id: string;
  relation: RelationCode;
  isGuardian: boolean;
  name: string;
  idNumber: string | null;
  phone: string | null;
  guardianshipCapacity: GuardianshipCapacity | null;
  situations: SynthSituation[];
}

/** What happened to a family, weighted so every category occurs (DOMAIN.md §2). */
export type Scenario =
  | 'both_away'
  | 'father_away'
  | 'poor_at_home'
  | 'disabled_child'
  | 'orphan'
  | 'imprisoned_and_missing'
  | 'deceased_and_disabled'
  | 'rehab_and_ill'
  | 'away_and_unable'
  | 'no_capacity'
  | 'street'
  | 'victim'
  | 'offender';

export const scenarios: WeightedTable<Scenario> = [
  ['both_away', 30],
  ['father_away', 8],
  ['poor_at_home', 17],
  ['disabled_child', 9],
  ['orphan', 4],
  ['imprisoned_and_missing', 5],
  ['deceased_and_disabled', 5],
  ['rehab_and_ill', 3],
  ['away_and_unable', 6],
  ['no_capacity', 5],
  ['street', 2],
  ['victim', 4],
  ['offender', 2],
];

/** Categories staff enter themselves (no rule proposes them), by scenario. */
export const manualCategories: Partial<Record<Scenario, CategoryCode>> = {
  no_capacity: 'guardianship_missing',
  street: 'street',
  victim: 'juvenile_victim',
  offender: 'juvenile_offender',
};

export const scenarioRisk: Record<Scenario, WeightedTable<RiskGrade | null>> = {
  both_away: [
    ['low', 5],
    ['medium_low', 4],
    ['medium_high', 1],
    [null, 1],
  ],
  father_away: [
    ['low', 6],
    ['medium_low', 2],
    [null, 2],
  ],
  poor_at_home: [
    ['low', 6],
    ['medium_low', 3],
    [null, 1],
  ],
  disabled_child: [
    ['medium_low', 5],
    ['medium_high', 3],
    ['low', 2],
  ],
  orphan: [
    ['medium_high', 5],
    ['high', 3],
    ['medium_low', 2],
  ],
  imprisoned_and_missing: [
    ['medium_high', 5],
    ['high', 4],
    ['medium_low', 1],
  ],
  deceased_and_disabled: [
    ['medium_high', 5],
    ['medium_low', 3],
    ['high', 2],
  ],
  rehab_and_ill: [
    ['high', 5],
    ['medium_high', 5],
  ],
  away_and_unable: [
    ['medium_low', 5],
    ['medium_high', 4],
    ['low', 1],
  ],
  no_capacity: [
    ['high', 5],
    ['medium_high', 5],
  ],
  street: [
    ['high', 8],
    ['medium_high', 2],
  ],
  victim: [
    ['high', 7],
    ['medium_high', 3],
  ],
  offender: [
    ['medium_high', 6],
    ['high', 4],
  ],
};

const workPlaces = [
  '广东省深圳市',
  '广东省东莞市',
  '广东省广州市',
  '浙江省温州市',
  '浙江省杭州市',
  '上海市',
  '江苏省苏州市',
  '湖北省武汉市',
  '福建省厦门市',
  '北京市',
];
const prisons = ['湖北省沙洋监狱', '湖北省荆州监狱', '湖北省汉阳监狱', '广东省东莞监狱'];
const rehabs = ['湖北省荆州强制隔离戒毒所', '湖北省沙洋强制隔离戒毒所'];
const illnesses = ['尿毒症', '恶性肿瘤', '精神分裂症', '重度脑卒中后遗症'];

export interface FamilyContext {
  rng: Rng;
  familyName: string;
  county6: string;
  childBirth: string;
  asOf: string;
  phone: () => string;
}

function situation(
  rng: Rng,
  kind: SituationKind,
  fields: Partial<Omit<SynthSituation, 'id' | 'kind'>> = {},
): SynthSituation {
  return {
    id: rng.uuid(),
    kind,
    place: null,
    since: null,
    until: null,
    disabilityGrade: null,
    disabilityType: null,
    note: null,
    ...fields,
  };
}

function adult(
  ctx: FamilyContext,
  relation: RelationCode,
  sex: 'male' | 'female',
  elder: boolean,
  family: string,
): SynthMember {
  const { rng } = ctx;
  const childYear = Number(ctx.childBirth.slice(0, 4));
  const birth = randomDate(rng, `${childYear - (elder ? 60 : 38)}-01-01`, `${childYear - (elder ? 45 : 20)}-12-31`);
  const sequence = rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
  return {
    id: rng.uuid(),
    relation,
    isGuardian: false,
    name: `${family}${adultGivenName(rng, sex, elder)}`,
    idNumber: rng.chance(0.8) ? composeIdNumber(ctx.county6, birth, sequence) : null,
    phone: rng.chance(elder ? 0.6 : 0.9) ? ctx.phone() : null,
    guardianshipCapacity: null,
    situations: [],
  };
}

/** Parents, grandparents or an entrusted carer, and what happened to each, for one scenario. */
export function synthFamily(ctx: FamilyContext, scenario: Scenario): SynthMember[] {
  const { rng, asOf, childBirth } = ctx;
  const father = adult(ctx, 'father', 'male', false, ctx.familyName);
  const mother = adult(ctx, 'mother', 'female', false, surname(rng));
  const grandfather = adult(ctx, 'grandfather', 'male', true, ctx.familyName);
  const grandmother = adult(ctx, 'grandmother', 'female', true, surname(rng));
  const sinceAfterBirth = (minMonthsAgo: number) => randomDate(rng, childBirth, addDays(asOf, -31 * minMonthsAgo));
  const away = (member: SynthMember) =>
    member.situations.push(situation(rng, 'working_away', { place: rng.pick(workPlaces), since: sinceAfterBirth(1) }));
  const present = (member: SynthMember) => member.situations.push(situation(rng, 'present'));
  const deceased = (member: SynthMember) =>
    member.situations.push(situation(rng, 'deceased', { since: sinceAfterBirth(0) }));
  const members = [father, mother];
  let guardian: SynthMember = mother;
  const withGrandparents = () => {
    members.push(grandfather, grandmother);
    present(grandfather);
    present(grandmother);
    guardian = rng.chance(0.6) ? grandmother : grandfather;
  };

  switch (scenario) {
    case 'both_away':
      away(father);
      away(mother);
      withGrandparents();
      if (rng.chance(0.25)) guardian.guardianshipCapacity = 'partial';
      break;
    case 'father_away':
      away(father);
      present(mother);
      break;
    case 'poor_at_home':
    case 'disabled_child':
    case 'street':
    case 'victim':
    case 'offender':
      present(father);
      present(mother);
      guardian = rng.chance(0.7) ? mother : father;
      break;
    case 'orphan':
      deceased(father);
      deceased(mother);
      withGrandparents();
      break;
    case 'imprisoned_and_missing': {
      const since = sinceAfterBirth(7);
      father.situations.push(
        situation(rng, 'imprisoned', {
          place: rng.pick(prisons),
          since,
          until: addMonths(since, rng.int(12, 120)),
          note: '判处有期徒刑',
        }),
      );
      mother.situations.push(situation(rng, 'missing', { since: sinceAfterBirth(7), note: '离家后失去联系' }));
      withGrandparents();
      break;
    }
    case 'deceased_and_disabled':
      deceased(father);
      mother.situations.push(
        situation(rng, 'disabled', {
          disabilityGrade: rng.int(1, 2),
          disabilityType: rng.pick(['physical', 'visual', 'multiple']),
        }),
      );
      withGrandparents();
      break;
    case 'rehab_and_ill': {
      const since = sinceAfterBirth(2);
      father.situations.push(
        situation(rng, 'drug_rehabilitation', { place: rng.pick(rehabs), since, until: addMonths(since, 24) }),
      );
      mother.situations.push(
        situation(rng, 'severe_illness', { since: sinceAfterBirth(3), note: rng.pick(illnesses) }),
      );
      withGrandparents();
      break;
    }
    case 'away_and_unable':
      away(father);
      mother.situations.push(
        situation(rng, 'severe_illness', { since: sinceAfterBirth(1), note: rng.pick(illnesses) }),
      );
      withGrandparents();
      break;
    case 'no_capacity':
      present(father);
      present(mother);
      father.guardianshipCapacity = 'none';
      mother.guardianshipCapacity = 'none';
      members.push(grandmother);
      present(grandmother);
      guardian = grandmother;
      break;
  }
  // Some grandparents cannot care either: the child is entrusted to a relative or neighbour.
  if (guardian.relation.startsWith('grand') && rng.chance(0.15)) {
    const carer = adult(ctx, 'entrusted_carer', rng.chance(0.5) ? 'male' : 'female', false, surname(rng));
    present(carer);
    members.push(carer);
    guardian = carer;
  }
  guardian.isGuardian = true;
  guardian.guardianshipCapacity ??= 'full';
  guardian.phone ??= ctx.phone();
  return members;
}
