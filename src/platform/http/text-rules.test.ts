import { describe, expect, it } from 'vitest';
import { maxNesting, textProblems } from './text-rules.js';

describe('the text rule', () => {
  it('takes ordinary Chinese, emoji (with joiners) and, in a body’s free text, line breaks and tabs', () => {
    expect(
      textProblems({ description: '孩子独自在家\n第二行\t👨\u200D👩\u200D👧', name: '欧阳娜娜·张' }, 'body'),
    ).toEqual([]);
  });

  it('refuses in names what free text may hold, and in query strings line breaks as well', () => {
    expect(textProblems({ name: '王\n明', guardianNames: ['李\u200B华'], reporterName: '\uFEFF赵' }, 'body')).toEqual([
      { path: ['guardianNames', 0], rule: 'validation.text_invisible' },
      { path: ['name'], rule: 'validation.text_control' },
      { path: ['reporterName'], rule: 'validation.text_invisible' },
    ]);
    expect(textProblems({ q: '王\n' }, 'querystring')).toEqual([{ path: ['q'], rule: 'validation.text_control' }]);
  });

  it('finds problems in keys and at any depth, without recursion', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(textProblems({ deep }, 'body')).toEqual([
      { path: ['deep', ...Array.from({ length: maxNesting - 1 }, () => 0)], rule: 'validation.nesting_too_deep' },
    ]);
    expect(textProblems({ 'a\u202Eb': 1 }, 'body')).toEqual([{ path: ['a\u202Eb'], rule: 'validation.text_bidi' }]);
  });
});
