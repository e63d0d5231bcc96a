import { describe, expect, it } from 'vitest';
import { resolveRuleSet } from '../../../platform/rules/rule-set.js';
import { duplicateRulesSection } from './rule-sections.js';
import {
  ageOn,
  birthRangeForAges,
  birthWindow,
  type CandidateFacts,
  type DraftFacts,
  parseQuery,
  scoreDuplicate,
} from './rules.js';

const rules = resolveRuleSet([], '421002101201', '2026-01-01').get(duplicateRulesSection);

describe('what the search box holds', () => {
  it('tells names, pinyin, ID/phone fragments and Haven codes apart', () => {
    expect(parseQuery(' 张 伟 ')).toEqual({ kind: 'name', text: '张伟' });
    expect(parseQuery('ZhangWM')).toEqual({ kind: 'pinyin', text: 'zhangwm' });
    expect(parseQuery("xi'an")).toEqual({ kind: 'pinyin', text: 'xian' });
    expect(parseQuery('1234x')).toEqual({ kind: 'digits', text: '1234X' });
    expect(parseQuery('123')).toEqual({ kind: 'too_short_digits', text: '123' });
    expect(parseQuery('hv42')).toEqual({ kind: 'haven_code', text: 'HV0000000042' });
    expect(parseQuery('阿依古丽·买买提').kind).toBe('name');
  });
});

describe('ages as of a date', () => {
  it('counts completed years; 29 February birthdays count from 1 March in common years', () => {
    expect(ageOn('2010-05-01', '2026-04-30')).toBe(15);
    expect(ageOn('2010-05-01', '2026-05-01')).toBe(16);
    expect(ageOn('2016-02-29', '2017-02-28')).toBe(0);
    expect(ageOn('2016-02-29', '2017-03-01')).toBe(1);
  });

  it('turns an age band into birth dates that agree with ageOn', () => {
    const today = '2026-02-28';
    const { bornOnOrBefore, bornAfter } = birthRangeForAges(today, 6, 15);
    const inBand = (birth: string) => birth <= bornOnOrBefore! && birth > bornAfter!;
    for (const birth of [
      '2020-02-28',
      '2020-02-29',
      '2020-03-01',
      '2010-02-28',
      '2010-03-01',
      '2011-02-28',
      '2010-02-27',
    ]) {
      const age = ageOn(birth, today);
      expect(inBand(birth), `${birth} is ${age}`).toBe(age >= 6 && age <= 15);
    }
  });

  it('widens a birth date to its month ± a day and the swapped day/month', () => {
    expect(birthWindow('2015-03-02')).toEqual({ from: '2015-02-28', to: '2015-04-01', swapped: '2015-02-03' });
    expect(birthWindow('2015-12-31')).toEqual({ from: '2015-11-30', to: '2016-01-01', swapped: null });
    expect(birthWindow('2015-05-05').swapped).toBeNull();
  });
});

describe('how alike two files are', () => {
  const draft: DraftFacts = {
    name: '张伟明',
    pinyin: 'zhangweiming',
    birthDate: '2015-03-02',
    idNumber: null,
    residenceCode: '421002101201',
  };
  const candidate = (over: Partial<CandidateFacts>): CandidateFacts => ({
    ...draft,
    formerNames: [],
    sharedGuardianPhone: false,
    sharedGuardianName: false,
    ...over,
  });
  const codes = (over: Partial<CandidateFacts>, d: DraftFacts = draft) =>
    scoreDuplicate(d, candidate(over), rules)?.reasons.map((r) => r.code) ?? null;

  it('the same ID number is enough, wherever the file is', () => {
    const result = scoreDuplicate(
      { ...draft, idNumber: '42100220150302001X' },
      candidate({
        name: '李四',
        pinyin: 'lisi',
        birthDate: null,
        idNumber: '42100220150302001X',
        residenceCode: '429004000000',
      }),
      rules,
    );
    expect(result).toMatchObject({ score: 100, reasons: [{ code: 'same_id_number' }] });
  });

  it('same name, birth date and village scores high with every reason', () => {
    expect(scoreDuplicate(draft, candidate({}), rules)).toEqual({
      score: 90,
      reasons: [{ code: 'same_name' }, { code: 'same_birth_date' }, { code: 'same_village' }],
    });
  });

  it('finds mistyped names and birth dates', () => {
    expect(codes({ name: '章伟明' })).toEqual(['same_pinyin', 'same_birth_date', 'same_village']);
    expect(codes({ name: '张伟民', pinyin: 'zhangweimin' })).toEqual([
      'one_char_different',
      'same_birth_date',
      'same_village',
    ]);
    expect(codes({ birthDate: '2015-02-03', residenceCode: '421002101204' })).toEqual([
      'same_name',
      'birth_day_month_swapped',
      'same_township',
    ]);
    expect(codes({ birthDate: '2015-03-03', residenceCode: '421022100201' })).toEqual([
      'same_name',
      'birth_date_one_day',
    ]);
    expect(codes({ name: '张小明', pinyin: 'zhangxiaoming', formerNames: ['张伟明'] })).toEqual([
      'former_name',
      'same_birth_date',
      'same_village',
    ]);
  });

  it('does not propose siblings: a shared phone and a similar name but another birth date', () => {
    expect(
      codes({
        name: '张伟亮',
        pinyin: 'zhangweiliang',
        birthDate: '2012-07-01',
        sharedGuardianPhone: true,
        sharedGuardianName: true,
      }),
    ).toBeNull();
  });

  it('twins with their own ID numbers fall below the threshold', () => {
    const twin = { ...draft, idNumber: '421002201503020011' };
    expect(codes({ name: '张伟亮', pinyin: 'zhangweiliang', idNumber: '421002201503020038' }, twin)).toBeNull();
  });

  it('without a birth date, the same name counts only nearby', () => {
    const undated = { ...draft, birthDate: null };
    expect(codes({}, undated)).toEqual(['same_name', 'same_village']);
    expect(codes({ residenceCode: '421022100201' }, undated)).toBeNull();
  });

  it('a same-named child of another month elsewhere is not proposed', () => {
    expect(codes({ birthDate: '2015-06-02', residenceCode: '421022100201' })).toBeNull();
  });
});
