import { describe, expect, it } from 'vitest';
import { composeIdNumber } from './id-number.js';
import { registryRules } from './rule-sections.js';
import {
  addMonths,
  ageOn,
  type ChildFacts,
  checkIdentity,
  entitlementsOf,
  type MemberFact,
  proposeCategories,
  type SituationFact,
} from './rules.js';

const rules = registryRules.schema.parse({});
const asOf = '2026-07-15';

const situation = (
  kind: SituationFact['kind'],
  since: string | null,
  until: string | null = null,
  extra: Partial<SituationFact> = {},
): SituationFact => ({ kind, since, until, disabilityGrade: null, disabilityType: null, ...extra });
const parent = (relation: string, ...situations: SituationFact[]): MemberFact => ({
  relation,
  guardianshipCapacity: null,
  situations,
});
const facts = (members: MemberFact[], extra: Partial<ChildFacts> = {}): ChildFacts => ({
  birthDate: '2015-03-02',
  disabilityGrade: null,
  disabilityType: null,
  householdBenefits: [],
  members,
  ...extra,
});
const categories = (f: ChildFacts, date = asOf) =>
  proposeCategories(f, rules, date)
    .map((p) => p.category)
    .sort();

describe('dates', () => {
  it('adds months clamping to the end of the month, and counts whole years', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(ageOn('2008-07-15', '2026-07-14')).toBe(17);
    expect(ageOn('2008-07-15', '2026-07-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('orphan', () => {
  it('both parents deceased → orphan, with the facts as evidence', () => {
    const proposals = proposeCategories(
      facts([
        parent('father', situation('deceased', '2020-01-01')),
        parent('mother', situation('deceased', '2021-05-05')),
      ]),
      rules,
      asOf,
    );
    expect(proposals).toEqual([
      {
        category: 'orphan',
        ruleId: 'orphan.both_parents_gone',
        evidence: {
          code: 'registry.evidence.orphan',
          params: { father: 'deceased', fatherSince: '2020-01-01', mother: 'deceased', motherSince: '2021-05-05' },
        },
      },
    ]);
  });

  it('a parent missing two years counts like a death; missing one year makes the child de facto unsupported instead', () => {
    const dead = parent('father', situation('deceased', '2020-01-01'));
    expect(categories(facts([dead, parent('mother', situation('missing', '2024-07-15'))]))).toEqual(['orphan']);
    expect(categories(facts([dead, parent('mother', situation('missing', '2025-07-15'))]))).toEqual([
      'de_facto_unsupported',
    ]);
  });

  it('a death recorded with a future date is not yet a death; one parent dead alone is nothing', () => {
    expect(
      categories(
        facts([
          parent('father', situation('deceased', '2026-08-01')),
          parent('mother', situation('deceased', '2020-01-01')),
        ]),
      ),
    ).toEqual([]);
    expect(
      categories(
        facts([parent('father', situation('deceased', '2020-01-01')), parent('mother', situation('present', null))]),
      ),
    ).toEqual([]);
  });

  it('no proposal without both parents recorded, nor for an adult', () => {
    expect(categories(facts([parent('father', situation('deceased', '2020-01-01'))]))).toEqual([]);
    const both = [
      parent('father', situation('deceased', '2020-01-01')),
      parent('mother', situation('deceased', '2020-01-01')),
    ];
    expect(categories(facts(both, { birthDate: '2008-07-15' }))).toEqual([]);
    expect(categories(facts(both, { birthDate: '2008-07-16' }))).toEqual(['orphan']);
  });

  it('an adoptive parent takes the place of the birth parent', () => {
    const members = [
      parent('father', situation('deceased', '2018-01-01')),
      parent('mother', situation('deceased', '2019-01-01')),
      parent('adoptive_mother', situation('present', null)),
    ];
    expect(categories(facts(members))).toEqual([]);
  });
});

describe('de facto unsupported', () => {
  const dead = parent('mother', situation('deceased', '2019-03-01'));

  it('a detained parent qualifies after 6 months, not 5', () => {
    expect(categories(facts([parent('father', situation('imprisoned', '2026-02-15')), dead]))).toEqual([]);
    expect(categories(facts([parent('father', situation('imprisoned', '2026-01-15')), dead]))).toEqual([
      'de_facto_unsupported',
    ]);
    expect(categories(facts([parent('father', situation('imprisoned', '2026-01-16')), dead]))).toEqual([]);
  });

  it('a sentence of at least 6 months qualifies from its first day; a shorter one does not', () => {
    expect(categories(facts([parent('father', situation('imprisoned', '2026-07-01', '2027-07-01')), dead]))).toEqual([
      'de_facto_unsupported',
    ]);
    expect(categories(facts([parent('father', situation('imprisoned', '2026-07-01', '2026-12-01')), dead]))).toEqual(
      [],
    );
  });

  it('once released, the proposal is no longer made', () => {
    const released = facts([parent('father', situation('imprisoned', '2024-01-01', '2026-07-15')), dead]);
    expect(categories(released, '2026-07-14')).toEqual(['de_facto_unsupported']);
    expect(categories(released, '2026-07-15')).toEqual([]);
  });

  it('both parents each unable: out of contact ≥ 6 months, rehabilitation, illness, deportation', () => {
    const outOfContact = parent('father', situation('missing', '2026-01-15'));
    expect(
      categories(facts([outOfContact, parent('mother', situation('drug_rehabilitation', '2026-06-01', '2028-06-01'))])),
    ).toEqual(['de_facto_unsupported']);
    expect(categories(facts([outOfContact, parent('mother', situation('severe_illness', '2025-01-01'))]))).toEqual([
      'de_facto_unsupported',
    ]);
    expect(categories(facts([outOfContact, parent('mother', situation('deported', '2026-07-01'))]))).toEqual([
      'de_facto_unsupported',
    ]);
    expect(
      categories(
        facts([
          parent('father', situation('missing', '2026-01-16')),
          parent('mother', situation('severe_illness', '2025-01-01')),
        ]),
      ),
    ).toEqual([]);
    const proposal = proposeCategories(
      facts([outOfContact, parent('mother', situation('severe_illness', '2025-01-01'))]),
      rules,
      asOf,
    )[0]!;
    expect(proposal).toMatchObject({
      ruleId: 'de_facto.both_unable',
      evidence: { params: { father: 'out_of_contact', fatherSince: '2026-01-15', mother: 'severe_illness' } },
    });
  });

  it('disability: grade 1–2 of any type, grade 3–4 only mental or intellectual', () => {
    const disabled = (grade: number, type: string) =>
      parent('father', situation('disabled', '2010-01-01', null, { disabilityGrade: grade, disabilityType: type }));
    expect(categories(facts([disabled(2, 'physical'), dead]))).toEqual(['de_facto_unsupported']);
    expect(categories(facts([disabled(3, 'physical'), dead]))).toEqual([]);
    expect(categories(facts([disabled(3, 'intellectual'), dead]))).toEqual(['de_facto_unsupported']);
    expect(categories(facts([disabled(4, 'mental'), dead]))).toEqual(['de_facto_unsupported']);
  });

  it('one parent working away is not unable', () => {
    expect(categories(facts([parent('father', situation('working_away', '2025-01-01')), dead]))).toEqual([
      'left_behind',
    ]);
  });

  it('thresholds are rules: a province may count 12 months', () => {
    const strict = registryRules.schema.parse({ qualifyingMonths: 12 });
    expect(
      proposeCategories(facts([parent('father', situation('imprisoned', '2026-01-15')), dead]), strict, asOf),
    ).toEqual([]);
  });
});

describe('left behind', () => {
  const away = (relation: string, since = '2025-02-01') => parent(relation, situation('working_away', since));

  it('both parents away and under 16', () => {
    expect(categories(facts([away('father'), away('mother')]))).toEqual(['left_behind']);
    expect(categories(facts([away('father'), away('mother')], { birthDate: '2010-07-15' }))).toEqual([]);
    expect(categories(facts([away('father'), away('mother')], { birthDate: '2010-07-16' }))).toEqual(['left_behind']);
  });

  it('one away and the other unable to care (incapable, ill, dead)', () => {
    const incapable: MemberFact = {
      relation: 'mother',
      guardianshipCapacity: 'none',
      situations: [situation('present', null)],
    };
    const proposal = proposeCategories(facts([away('father'), incapable]), rules, asOf);
    expect(proposal).toMatchObject([
      {
        category: 'left_behind',
        ruleId: 'left_behind.one_away_other_unable',
        evidence: { params: { father: 'working_away', mother: 'no_capacity' } },
      },
    ]);
    expect(categories(facts([away('father'), parent('mother', situation('severe_illness', '2025-01-01'))]))).toEqual([
      'left_behind',
    ]);
    expect(categories(facts([away('father'), parent('mother', situation('present', null))]))).toEqual([]);
  });

  it('a return home ends the proposal; a future departure does not start it', () => {
    expect(
      categories(facts([parent('father', situation('working_away', '2025-01-01', '2026-07-01')), away('mother')])),
    ).toEqual([]);
    expect(categories(facts([away('father', '2026-08-01'), away('mother')]))).toEqual([]);
  });
});

describe('disability and poverty', () => {
  it('the child’s own certificate and the household’s benefits', () => {
    const proposals = proposeCategories(
      facts([], {
        disabilityGrade: 3,
        disabilityType: 'hearing',
        householdBenefits: ['tekun', 'dibao', 'temporary_assistance'],
      }),
      rules,
      asOf,
    );
    expect(proposals).toEqual([
      {
        category: 'disability',
        ruleId: 'disability.certified',
        evidence: { code: 'registry.evidence.disability', params: { grade: 3, type: 'hearing' } },
      },
      {
        category: 'poverty',
        ruleId: 'poverty.household_benefit',
        evidence: { code: 'registry.evidence.poverty', params: { benefits: 'dibao,tekun' } },
      },
    ]);
    expect(categories(facts([], { householdBenefits: ['temporary_assistance'] }))).toEqual([]);
  });
});

describe('entitlements', () => {
  it('each measure once, with the categories that give it', () => {
    expect(entitlementsOf(['orphan', 'disability'], rules)).toEqual([
      { measure: 'basic_living', categories: ['orphan'] },
      { measure: 'medical', categories: ['orphan', 'disability'] },
      { measure: 'education', categories: ['orphan', 'disability'] },
      { measure: 'guardianship', categories: ['orphan'] },
      { measure: 'disability_services', categories: ['disability'] },
    ]);
    const override = registryRules.schema.parse({ entitlements: { street: ['basic_living', 'medical'] } });
    expect(override.entitlements.orphan).toEqual(rules.entitlements.orphan);
    expect(entitlementsOf(['street'], override).map((e) => e.measure)).toEqual(['basic_living', 'medical']);
  });
});

describe('identity', () => {
  const id = composeIdNumber('421002', '2015-03-02', 123);
  const today = '2026-07-15';

  it('takes birth date and sex from the ID number when not entered, and accepts a lowercase x', () => {
    expect(checkIdentity({ idNumber: id, birthDate: null, sex: null }, today, rules)).toEqual({
      identity: { idNumber: id, birthDate: '2015-03-02', sex: 'male' },
      problems: [],
    });
    const withX = Array.from({ length: 1000 }, (_, sequence) => composeIdNumber('421002', '2015-03-02', sequence)).find(
      (n) => n.endsWith('X'),
    )!;
    expect(
      checkIdentity({ idNumber: withX.toLowerCase(), birthDate: null, sex: null }, today, rules).identity.idNumber,
    ).toBe(withX);
  });

  it('a disagreement names both values; it is never silently overwritten', () => {
    const { problems, identity } = checkIdentity(
      { idNumber: id, birthDate: '2015-03-03', sex: 'female' },
      today,
      rules,
    );
    expect(problems).toEqual([
      {
        code: 'registry.id_birth_date_mismatch',
        field: 'birthDate',
        params: { idBirthDate: '2015-03-02', birthDate: '2015-03-03' },
      },
      { code: 'registry.id_sex_mismatch', field: 'sex', params: { idSex: 'male', sex: 'female' } },
    ]);
    expect(identity.birthDate).toBe('2015-03-03');
  });

  it('a bad check digit, a future birth date, an adult', () => {
    expect(
      checkIdentity(
        { idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`, birthDate: null, sex: null },
        today,
        rules,
      ).problems[0],
    ).toMatchObject({ code: 'registry.id_invalid', params: { problem: 'id.check_digit' } });
    expect(
      checkIdentity({ idNumber: null, birthDate: '2026-07-16', sex: null }, today, rules).problems[0],
    ).toMatchObject({ code: 'registry.birth_date_future' });
    expect(
      checkIdentity({ idNumber: null, birthDate: '2008-07-15', sex: null }, today, rules).problems[0],
    ).toMatchObject({ code: 'registry.too_old', params: { limit: 18 } });
    expect(checkIdentity({ idNumber: null, birthDate: '2008-07-16', sex: null }, today, rules).problems).toEqual([]);
  });
});
