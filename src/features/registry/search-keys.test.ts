import { describe, expect, it } from 'vitest';
import { childSearchKeys, pinyinKeysOf, queryGramsOf } from './search-keys.js';

describe('search keys of a child name', () => {
  it('gives full pinyin, initials and surname with given-name initials', () => {
    expect(pinyinKeysOf('张伟明')).toEqual(['zhangweiming', 'zwm', 'zhangwm']);
  });

  it('reads surnames as surnames and keeps compound surnames whole', () => {
    expect(pinyinKeysOf('曾小军')[0]).toBe('zengxiaojun');
    expect(pinyinKeysOf('单丽')[0]).toBe('shanli');
    expect(pinyinKeysOf('欧阳娜娜')).toContain('ouyangnn');
  });

  it('covers former names, and a two-character name yields its pair and its characters', () => {
    const keys = childSearchKeys('李娜', ['李小娜']);
    expect(keys.nameGrams).toEqual(expect.arrayContaining(['李', '娜', '李娜', '小娜', '李小']));
    expect(keys.pinyinText.split(' ')).toEqual(expect.arrayContaining(['lina', 'ln', 'lixiaona', 'lxn', 'lixn']));
  });

  it('asks a query for its pairs, or its one character', () => {
    expect(queryGramsOf('伟明')).toEqual(['伟明']);
    expect(queryGramsOf('张')).toEqual(['张']);
    expect(queryGramsOf('张伟明')).toEqual(['张伟', '伟明']);
  });
});
