import { describe, expect, it } from 'vitest';
import { fieldOfHeader, mapHeaderRow } from './columns.js';
import { readDivisionCode } from './values.js';

describe('division-code headers', () => {
  it('recognise the hukou code column in its common spellings, brackets full- or half-width', () => {
    const hukou = [
      '户籍所在地（村/社区代码）',
      '户籍所在地(村/社区代码)',
      '户籍所在地 （村／社区代码）',
      '户籍所在地代码',
      '户籍地编码',
      '户籍地区划代码',
      '户籍所在地行政区划代码',
      '户籍（村/社区）编码',
      '户口所在地区划代码',
      '户籍村（居）代码'.replace('（居）', '居'),
    ];
    for (const header of hukou) expect([header, fieldOfHeader(header)]).toEqual([header, 'hukouCode']);
  });

  it('recognise the residence code column, and leave the name columns as they were', () => {
    for (const header of [
      '所在村（社区）代码',
      '村（社区）编码',
      '行政区划代码',
      '区划代码',
      '现居住地区划代码',
      '居住地代码',
    ])
      expect([header, fieldOfHeader(header)]).toEqual([header, 'residenceCode']);
    expect(fieldOfHeader('户籍所在地')).toBe('hukouAddress');
    expect(fieldOfHeader('所在村（社区）')).toBe('village');
    expect(fieldOfHeader('代码')).toBeUndefined();
  });

  it('map a header merged over two rows: 户籍所在地 above 地址 and 代码', () => {
    expect(mapHeaderRow(['姓名', '地址', '代码'], ['', '户籍所在地', ''])).toMatchObject({
      name: 1,
      hukouAddress: 2,
      hukouCode: 3,
    });
  });
});

describe('division codes in cells', () => {
  it('reads 12 digits typed or stored as a number, and shows anything else back', () => {
    expect(readDivisionCode('４２１００２１０１２０１')).toEqual({ kind: 'code', code: '421002101201' });
    expect(readDivisionCode(421002101201)).toEqual({ kind: 'code', code: '421002101201' });
    expect(readDivisionCode(' 4210 02101201 ')).toEqual({ kind: 'code', code: '421002101201' });
    expect(readDivisionCode('4210')).toEqual({ kind: 'invalid', shown: '4210' });
    expect(readDivisionCode(null)).toEqual({ kind: 'empty' });
  });
});
