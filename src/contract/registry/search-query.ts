/*
 * What a search box for children holds, as the registry's search and the case list read it: a
 * Chinese (or other script) name, pinyin, an ID or phone fragment, a Haven code. Pure.
 */

export type ParsedQuery =
  | { kind: 'name'; text: string }
  | { kind: 'pinyin'; text: string }
  | { kind: 'digits'; text: string }
  | { kind: 'haven_code'; text: string }
  | { kind: 'too_short_digits'; text: string };

export function parseQuery(raw: string): ParsedQuery {
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  const haven = /^hv(\d{1,10})$/i.exec(compact);
  if (haven) return { kind: 'haven_code', text: `HV${haven[1]!.padStart(10, '0')}` };
  if (/^\d+[xX]?$/.test(compact)) {
    const text = compact.toUpperCase();
    return text.length >= 4 ? { kind: 'digits', text } : { kind: 'too_short_digits', text };
  }
  if (/^[a-zA-Z'’·-]+$/.test(compact)) return { kind: 'pinyin', text: compact.toLowerCase().replace(/[^a-z]/g, '') };
  return { kind: 'name', text: compact };
}
