import type { Rng, WeightedTable } from './prng.js';

/*
 * Names as they occur in a Hubei village ledger: surnames by their national frequency (‰, 2020
 * census order, with 熊/万/覃 as common in Hubei), children's given names drawn heavily from the
 * popular names of their birth years, so many files share a name and search has to rank.
 */
export const surnames: WeightedTable<string> = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 14], ['马', 13], ['朱', 13], ['胡', 14], ['郭', 12], ['何', 11], ['林', 8], ['高', 10], ['罗', 10],
  ['郑', 8], ['梁', 7], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 5],
  ['彭', 6], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 5], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 4], ['范', 3], ['金', 2],
  ['石', 2], ['廖', 2], ['贾', 2], ['夏', 3], ['付', 3], ['方', 2], ['邹', 2], ['熊', 4], ['万', 3], ['雷', 2],
  ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['段', 2], ['侯', 2], ['龙', 2], ['史', 2], ['黎', 2], ['贺', 2],
  ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2], ['覃', 1], ['单', 1], ['欧阳', 1], ['上官', 0.2], ['司马', 0.2],
];

const popularBoys = ['子轩', '浩然', '宇轩', '浩宇', '俊杰', '梓豪', '子豪', '一鸣', '宇航', '博文', '子墨', '睿', '浩', '宇', '杰', '俊熙', '明轩', '天佑', '沐阳', '嘉豪', '梓睿', '皓轩', '思远', '晨阳', '宇泽', '子涵', '文博', '一诺', '奕辰', '佳豪'];
const popularGirls = ['梓涵', '欣怡', '子涵', '一诺', '雨桐', '诗涵', '梓萱', '可馨', '思琪', '雨涵', '欣妍', '佳怡', '紫涵', '语桐', '若汐', '梦瑶', '婷', '悦', '欣', '怡', '雨欣', '思雨', '梓琪', '心怡', '雅琪', '晨曦', '诗琪', '佳琪', '雨萱', '依诺'];
const boyChars = [...'浩宇轩子俊博文杰泽睿晨明天嘉瑞鑫磊伟涛鹏辉翔宁志成凯航豪一熙阳远航昊霖铭'];
const girlChars = [...'涵欣怡雨桐诗萱馨琪妍佳紫语若汐梦瑶婷悦雅晨曦心彤可思静丽娜玉兰芳慧颖'];
const fatherGiven = ['建国', '国强', '伟', '勇', '军', '涛', '明', '志刚', '建华', '海波', '小平', '红兵', '卫东', '俊', '超', '斌', '华', '林', '强', '波', '文军', '新民', '春生', '长江', '德胜'];
const motherGiven = ['秀英', '桂英', '丽', '芳', '红', '霞', '玉兰', '春梅', '小燕', '丽华', '美珍', '金凤', '翠华', '娟', '敏', '艳', '琴', '晓红', '海燕', '雪梅', '莉', '桂兰', '小红', '慧', '婷'];
const elderMaleGiven = ['德明', '长生', '福林', '金山', '国华', '大中', '家旺', '先进', '正清', '安邦', '永福', '世友'];
const elderFemaleGiven = ['桂香', '秀兰', '玉珍', '春英', '凤英', '淑芬', '翠英', '菊花', '兰英', '素珍', '月娥', '冬梅'];

/** Same sound, other character: how one child comes to be written down twice. */
const homophones: Record<string, string> = { 轩: '萱', 萱: '轩', 涵: '含', 怡: '仪', 宇: '雨', 雨: '宇', 浩: '皓', 皓: '浩', 子: '梓', 梓: '子', 欣: '馨', 馨: '欣', 琪: '淇', 杰: '洁', 婷: '亭', 睿: '瑞', 瑞: '睿', 博: '波', 明: '铭', 铭: '明', 晨: '辰', 思: '斯', 诺: '娜', 佳: '家', 俊: '骏', 悦: '月' };

export function surname(rng: Rng): string {
  return rng.weighted(surnames);
}

export function childGivenName(rng: Rng, sex: 'male' | 'female'): string {
  const popular = sex === 'male' ? popularBoys : popularGirls;
  if (rng.chance(0.45)) return rng.pick(popular);
  const chars = sex === 'male' ? boyChars : girlChars;
  // About one in six children has a one-character given name (a two-character full name).
  if (rng.chance(0.16)) return rng.pick(chars);
  return `${rng.pick(chars)}${rng.pick(chars)}`;
}

export function adultGivenName(rng: Rng, sex: 'male' | 'female', elder: boolean): string {
  if (elder) return rng.pick(sex === 'male' ? elderMaleGiven : elderFemaleGiven);
  return rng.pick(sex === 'male' ? fatherGiven : motherGiven);
}

/** The name with one given-name character replaced by a homophone (or unchanged if none applies). */
export function misspelt(rng: Rng, name: string, familyName: string): string {
  const given = [...name.slice(familyName.length)];
  const positions = given.map((char, index) => (homophones[char] ? index : -1)).filter((index) => index >= 0);
  if (positions.length === 0) return name;
  const at = rng.pick(positions);
  given[at] = homophones[given[at]!]!;
  return `${familyName}${given.join('')}`;
}
