export interface StringTree {
  [key: string]: StringTree | string;
}

let arrived: StringTree = {};
let deliver: ((strings: StringTree) => void) | undefined;

/** Deep: strings of one group arrive in several pieces. */
export function mergeStrings(target: StringTree, source: StringTree): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') mergeStrings(existing, value);
    else target[key] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

/**
 * Called by the build's string modules (web/splitStrings.ts) when the chunk carrying them runs:
 * before the components that use them render, because a module's imports run before its body.
 */
export function addStrings(strings: StringTree): void {
  if (deliver) deliver(strings);
  else mergeStrings(arrived, strings);
}

/** The strings that arrived before i18next started (none in the dev server); later ones go to `next`. */
export function takeStrings(next: (strings: StringTree) => void): StringTree {
  deliver = next;
  const before = arrived;
  arrived = {};
  return before;
}
