import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const chineseFile = fileURLToPath(new URL('./src/app/i18n/zh-CN.json', import.meta.url));
const registryFile = fileURLToPath(new URL('./src/app/i18n/stringRegistry.ts', import.meta.url));
// Only the web app's own code: the contract (src/contract) is shared with the server and names no UI strings.
const webSource = fileURLToPath(new URL('./src/', import.meta.url));
const prefix = 'virtual:haven-strings/';
const resolvedPrefix = `\0${prefix}`;

/**
 * The Chinese strings follow the code that uses them: every source module that names a key
 * (`'reports.public.title'`, `` `cases.risk.${grade}` ``, `'orgKind.' + kind`) imports a virtual
 * module holding the strings it names (that key, the group `cases.risk`, all of `orgKind`), and the
 * bundler puts each in the chunk of the pages that use it. A page downloads its own strings, not
 * the 30 KB of every feature's. zh-CN.json stays the one source (and the type check still compares it with
 * en.json); `stringRegistry.ts` hands the groups to i18next as they arrive, and loads the whole file
 * if a key was missed after all (a key built in a way this scan does not see).
 */
export function splitStrings(): Plugin {
  let strings: StringTree = {};
  /** The keys and groups a piece of source names (see `namedStrings`). */
  const named = (code: string) => namedStrings(strings, code);
  return {
    name: 'haven-split-strings',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      strings = JSON.parse(readFileSync(chineseFile, 'utf8')) as StringTree;
      this.addWatchFile(chineseFile);
    },
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(resolvedPrefix)) return null;
      const path = id.slice(resolvedPrefix.length);
      const segments = path.split('.');
      let value: unknown = strings;
      for (const segment of segments) value = (value as StringTree)[segment];
      const tree = segments.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
      // A string that nests another ($t(registry.situation.{{father}})) brings that one too.
      const nested = [...named(JSON.stringify(value))].filter((other) => other !== path);
      return [
        ...nested.map((other) => `import '${prefix}${other}';`),
        `import { addStrings } from ${JSON.stringify(registryFile)};`,
        `addStrings(${JSON.stringify(tree)});`,
      ].join('\n');
    },
    transform(code, id) {
      if (!id.startsWith(webSource) || id.includes('node_modules')) return null;
      if (!/\.(?:tsx?|jsx?)$/.test(id.split('?')[0] ?? '')) return null;
      const paths = named(code);
      if (paths.size === 0) return null;
      const imports = [...paths].map((path) => `import '${prefix}${path}';`).join('');
      // On the first line, so the other lines of the source map stay where they were.
      return { code: imports + code, map: null };
    },
  };
}

interface StringTree {
  [key: string]: StringTree | string;
}

/**
 * The strings a piece of source names, as dotted paths into the tree: a whole key
 * (`'reports.public.title'` → that string), or the deepest group a key is built from
 * (`` `cases.risk.${grade}` ``, `'registry.risk'` used as a prefix → the group `cases.risk`,
 * `registry.risk`; `'orgKind.' + kind` → all of `orgKind`). A word that is not a key
 * (`reports.length`) names nothing.
 */
export function namedStrings(strings: StringTree, code: string): Set<string> {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?<![\w$.])([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z_]\w*)*)(\.(?:\$\{|\{\{|['"`]))?/g)) {
    const segments = (match[1] ?? '').split('.');
    const dynamic = match[2] !== undefined;
    let node: StringTree | string | undefined = strings;
    let depth = 0;
    for (const segment of segments) {
      if (typeof node !== 'object' || !Object.hasOwn(node, segment)) break;
      node = node[segment];
      depth += 1;
    }
    // A group alone counts only when a key is built from it ('orgKind.' + kind); `cases.map` is code.
    if (depth >= 2 || (depth === 1 && segments.length === 1 && dynamic)) found.add(segments.slice(0, depth).join('.'));
  }
  return found;
}
