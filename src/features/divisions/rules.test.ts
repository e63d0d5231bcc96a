import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  datasetProblems,
  diffDataset,
  type IncomingDivision,
  inferSuccessor,
  isEmptyChange,
  type KnownDivision,
  levelOf,
  nameGrams,
  parentCode,
  parseDivisionQuery,
  provinceCode,
  queryGrams,
  shortDivisionName,
} from './rules.js';

describe('division names', () => {
  it('drop the committee title people do not type', () => {
    expect(shortDivisionName('相思岭村委会')).toBe('相思岭村');
    expect(shortDivisionName('五星村民委员会')).toBe('五星村');
    expect(shortDivisionName('额头湾村村民委员会')).toBe('额头湾村');
    expect(shortDivisionName('额头湾村村委会')).toBe('额头湾村');
    expect(shortDivisionName('朝阳社区居委会')).toBe('朝阳社区');
    expect(shortDivisionName('下谷坪社区居民委员会')).toBe('下谷坪社区');
    expect(shortDivisionName('建强社区居民居委会')).toBe('建强社区');
    expect(shortDivisionName('曙光居民委员会')).toBe('曙光');
    expect(shortDivisionName('保成社区')).toBe('保成社区');
    expect(shortDivisionName('沙市区')).toBe('沙市区');
  });

  it('keep a name whose stem would be a single character', () => {
    expect(shortDivisionName('一居委会')).toBe('一居委会');
  });

  it('shorten to a substring of the name, so a substring index finds both (property)', () => {
    const titles = ['村委会', '村民委员会', '居委会', '居民委员会', '居民居委会', ''];
    const name = fc
      .tuple(
        fc.string({ unit: fc.constantFrom('新', '村', '社', '区', '居', '湾', '一'), minLength: 1, maxLength: 6 }),
        fc.constantFrom(...titles),
      )
      .map(([stem, title]) => stem + title);
    fc.assert(
      fc.property(name, (value) => {
        expect(value).toContain(shortDivisionName(value));
      }),
    );
  });

  it('are indexed by character pairs; a query by its pairs', () => {
    expect(nameGrams('沙市区')).toEqual(['沙市', '市区']);
    expect(nameGrams('沙')).toEqual(['沙']);
    expect(queryGrams('沙市区')).toEqual(['沙市', '市区']);
    expect(queryGrams('沙')).toEqual([]);
    const contained = fc.tuple(
      fc.string({ unit: fc.constantFrom('新', '村', '沙', '市'), minLength: 1, maxLength: 8 }),
      fc.nat(),
      fc.nat(),
    );
    fc.assert(
      fc.property(contained, ([name, a, b]) => {
        const chars = [...name];
        const from = a % chars.length;
        const query = chars.slice(from, from + 1 + (b % (chars.length - from))).join('');
        const grams = new Set(nameGrams(name));
        for (const gram of queryGrams(query)) expect(grams.has(gram)).toBe(true);
      }),
    );
  });
});

describe('search queries', () => {
  it('read digits as a code or code prefix', () => {
    expect(parseDivisionQuery('421002')).toEqual({ kind: 'code', prefix: '421002', exact: '421002000000' });
    expect(parseDivisionQuery('42100')).toEqual({ kind: 'code', prefix: '42100', exact: undefined });
    expect(parseDivisionQuery('４２１０')).toEqual({ kind: 'code', prefix: '4210', exact: '421000000000' });
    expect(parseDivisionQuery('4210020010011')).toBeUndefined();
    expect(parseDivisionQuery('4')).toBeUndefined();
  });

  it('read Chinese as a name, also without its committee title', () => {
    expect(parseDivisionQuery(' 沙市 ')).toEqual({ kind: 'name', text: '沙市', short: '沙市' });
    expect(parseDivisionQuery('相思岭村委会')).toEqual({ kind: 'name', text: '相思岭村委会', short: '相思岭村' });
  });

  it('read Latin letters as pinyin, however typed', () => {
    expect(parseDivisionQuery('Sha Shi')).toEqual({ kind: 'pinyin', text: 'shashi' });
    expect(parseDivisionQuery("xi'an")).toEqual({ kind: 'pinyin', text: 'xian' });
    expect(parseDivisionQuery('lü')).toEqual({ kind: 'pinyin', text: 'lv' });
    expect(parseDivisionQuery('%%')).toBeUndefined();
    expect(parseDivisionQuery('   ')).toBeUndefined();
  });

  it('accept a province as 2 or 12 digits only', () => {
    expect(provinceCode('42')).toBe('420000000000');
    expect(provinceCode('420000000000')).toBe('420000000000');
    expect(provinceCode('4210')).toBeUndefined();
  });
});

const row = (code: string, name: string, parent: string | null = parentCode(code) ?? null): IncomingDivision => ({
  code,
  name,
  level: levelOf(code) ?? 'village',
  parentCode: parent,
});
const known = (division: IncomingDivision, validTo: string | null = null): KnownDivision => ({
  ...division,
  validFrom: '2023-06-30',
  validTo,
});

describe('a newer dataset against the stored divisions', () => {
  const base = [
    row('980000000000', '测试省', null),
    row('980100000000', '甲市'),
    row('980102000000', '乙区'),
    row('980102001000', '丙镇'),
    row('980102001001', '丁村委会'),
    row('980102001002', '戊村委会'),
  ];

  it('changes nothing when it is the same', () => {
    const changes = diffDataset(
      base.map((d) => known(d)),
      base,
    );
    expect(isEmptyChange(changes)).toBe(true);
    expect(changes.unchanged).toBe(base.length);
  });

  it('adds, renames, reopens and closes; it never deletes', () => {
    const stored = [...base.map((d) => known(d)), known(row('980102001009', '旧村委会'), '2023-06-30')];
    const incoming = [
      ...base.slice(0, 4),
      row('980102001001', '丁社区居委会'),
      row('980102001003', '己村委会'),
      row('980102001009', '旧村委会'),
    ];
    const changes = diffDataset(stored, incoming);
    expect(changes.added.map((d) => d.code)).toEqual(['980102001003']);
    expect(changes.changed.map((c) => [c.before.name, c.incoming.name])).toEqual([['丁村委会', '丁社区居委会']]);
    expect(changes.reopened.map((c) => c.incoming.code)).toEqual(['980102001009']);
    expect(changes.closed.map((c) => c.before.code)).toEqual(['980102001002']);
  });

  it('names the successor of a division recoded under another township', () => {
    const gone = known(row('980102001002', '戊村委会'));
    expect(inferSuccessor(gone, [row('980102002005', '戊村民委员会')])).toBe('980102002005');
    expect(inferSuccessor(gone, [row('980102002005', '戊村'), row('980102003005', '戊村')])).toBeNull();
    expect(inferSuccessor(gone, [row('980102001007', '戊村'), row('980102003005', '戊村')])).toBe('980102001007');
    expect(inferSuccessor(gone, [row('980102002005', '别的村')])).toBeNull();
  });

  it('refuses a dataset whose rows do not form a tree of the province', () => {
    expect(datasetProblems('980000000000', base)).toEqual([]);
    expect(
      datasetProblems('980000000000', [
        ...base,
        row('980102001001', '重复'),
        row('980102009001', '孤村'),
        row('970100000000', '外省'),
      ]),
    ).toEqual([
      '980102001001 appears twice',
      '970100000000 is outside province 98',
      '980102009001: parent 980102009000 is missing',
      '970100000000: parent 970000000000 is missing',
    ]);
    expect(datasetProblems('980000000000', base.slice(1))).toContain('the province row 980000000000 is missing');
  });
});
