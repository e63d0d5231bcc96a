/*
 * One rule for every string a request carries (body, query, path, declared headers), applied
 * before any route's schema (issue 12, item 5). PostgreSQL cannot store NUL or a lone surrogate,
 * so they would fail the write after the person typed a whole report; bidi overrides and isolates
 * make a name read differently from what is stored; zero-width characters make two names look
 * alike. Each is refused with a 400 naming the field, never silently changed.
 */

export type TextRule =
  | 'validation.text_control'
  | 'validation.text_unpaired_surrogate'
  | 'validation.text_bidi'
  | 'validation.text_invisible'
  | 'validation.nesting_too_deep';

export interface TextProblem {
  path: (string | number)[];
  rule: TextRule;
}

/** Deeper than any form Haven has; a bound that keeps every later walk over the value shallow. */
export const maxNesting = 32;

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 controls and DEL; tab, line feed and carriage return are checked separately.
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const lineBreakOrTab = /[\t\n\r]/;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/;
const invisible = /[\u200B-\u200F\u2060\uFEFF]/;
/** Fields that name someone or something: one line, nothing invisible. */
const nameKey = /names?$/i;

/** A multi-line free text (a description, a note) may hold line breaks and tabs; query, path, headers and names may not. */
function problemOf(text: string, multiLine: boolean, isName: boolean): TextRule | undefined {
  if (unpairedSurrogate.test(text)) return 'validation.text_unpaired_surrogate';
  if (control.test(text) || (!multiLine && lineBreakOrTab.test(text))) return 'validation.text_control';
  if (bidiControl.test(text)) return 'validation.text_bidi';
  if (isName && invisible.test(text)) return 'validation.text_invisible';
  return undefined;
}

/** Every string (and object key) in `value` that breaks the rule, with its path; iterative, so any nesting is safe. */
export function textProblems(value: unknown, part: string): TextProblem[] {
  const problems: TextProblem[] = [];
  const multiLinePart = part === 'body';
  const stack: { value: unknown; path: (string | number)[]; key: string | undefined }[] = [
    { value, path: [], key: undefined },
  ];
  while (stack.length > 0) {
    const { value: item, path, key } = stack.pop()!;
    if (typeof item === 'string') {
      const isName = key !== undefined && nameKey.test(key);
      const rule = problemOf(item, multiLinePart && !isName, isName);
      if (rule) problems.push({ path, rule });
      continue;
    }
    if (typeof item !== 'object' || item === null || Buffer.isBuffer(item)) continue;
    if (path.length >= maxNesting) {
      problems.push({ path, rule: 'validation.nesting_too_deep' });
      continue;
    }
    if (Array.isArray(item)) {
      for (const [index, element] of item.entries()) stack.push({ value: element, path: [...path, index], key });
      continue;
    }
    for (const [name, element] of Object.entries(item)) {
      const rule = problemOf(name, false, true);
      if (rule) problems.push({ path: [...path, name], rule });
      else stack.push({ value: element, path: [...path, name], key: name });
    }
  }
  return problems.sort((a, b) => a.path.join('.').localeCompare(b.path.join('.')));
}
