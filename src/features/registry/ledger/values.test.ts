import { describe, expect, it } from 'vitest';
import { chooseHeader, fieldOfHeader, mapHeaderRow } from './columns.js';
import { excelSerialToIso, readCategories, readDate, readIdCell, readSex } from './values.js';

describe('ledger values', () => {
  it('reads the date notations townships use', () => {
    for (const input of ['2015.03.02', '2015-3-2', '2015/3/2', '2015年3月2日', '20150302', 20150302, 42065]) {
      expect(readDate(input)).toEqual({ kind: 'date', iso: '2015-03-02' });
    }
    expect(readDate(new Date(Date.UTC(2015, 2, 2)))).toEqual({ kind: 'date', iso: '2015-03-02' });
    expect(readDate('2015.03')).toEqual({ kind: 'month', yearMonth: '2015-03' });
    expect(readDate('2015-02-30')).toEqual({ kind: 'unreadable' });
    expect(readDate('下个月')).toEqual({ kind: 'unreadable' });
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });

  it('knows an ID number stored as a number', () => {
    expect(readIdCell(421002201503021200)).toMatchObject({ kind: 'as_number' });
    expect(readIdCell('4.21002201503020E+17')).toMatchObject({ kind: 'as_number' });
    expect(readIdCell(' 42100220140506003x ')).toEqual({ kind: 'text', value: '42100220140506003X' });
  });

  it('reads sex and categories', () => {
    expect([readSex('男'), readSex('F'), readSex(''), readSex('?')]).toEqual(['male', 'female', 'empty', 'unreadable']);
    expect(readCategories('孤儿、残疾；留守儿童 困难')).toEqual({
      categories: ['orphan', 'disability', 'left_behind'],
      unknown: ['困难'],
    });
  });
});

describe('ledger headers', () => {
  it('recognises variants and a two-row merged header', () => {
    expect(fieldOfHeader('公民身份号码')).toBe('idNumber');
    expect(fieldOfHeader(' 出生\n年月 ')).toBe('birthDate');
    expect(fieldOfHeader('*姓名：')).toBe('name');
    expect(mapHeaderRow(['', '', '姓名', '电话'], ['姓名', '性别', '监护人', ''])).toEqual({
      name: 1,
      sex: 2,
      guardianName: 3,
      guardianPhone: 4,
    });
  });

  it('skips title rows and reports a second header-like row', () => {
    const choice = chooseHeader([
      { row: 1, cells: ['某某镇困境儿童台账'] },
      { row: 2, cells: ['姓名', '性别', '身份证号码'] },
      { row: 3, cells: ['张三', '男', '421002201503021237'] },
      { row: 4, cells: ['name', 'sex', 'id number'] },
    ]);
    expect(choice).toMatchObject({ row: 2, recognised: 3, rival: 4 });
  });
});
