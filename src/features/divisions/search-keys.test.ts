import { describe, expect, it } from 'vitest';
import { divisionSearchKeys } from './search-keys.js';

describe('search keys of a division name', () => {
  it('spell the short name in pinyin, in full and by initials', () => {
    expect(divisionSearchKeys('沙市区')).toMatchObject({ shortName: '沙市区', pinyin: 'shashiqu', initials: 'ssq' });
    expect(divisionSearchKeys('相思岭村委会')).toMatchObject({
      shortName: '相思岭村',
      pinyin: 'xiangsilingcun',
      initials: 'xslc',
    });
  });

  it('read place names the way places are read', () => {
    expect(divisionSearchKeys('长阳土家族自治县').pinyin).toBe('changyangtujiazuzizhixian');
    expect(divisionSearchKeys('重阳村委会').initials).toBe('cyc');
    expect(divisionSearchKeys('绿水村').pinyin).toBe('lvshuicun');
  });

  it('keep digits and Latin letters, lowercased', () => {
    expect(divisionSearchKeys('A区3号')).toMatchObject({ pinyin: 'aqu3hao', initials: 'aq3h' });
  });

  it('carry the grams of the full name', () => {
    expect(divisionSearchKeys('新村村委会').grams).toContain('委会');
  });
});
