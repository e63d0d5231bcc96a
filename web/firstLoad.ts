import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** What a signed-in landing path needs: its page and frame modules (web/src paths), and its first data. */
export interface FirstLoadRoute {
  modules: string[];
  /** GET requests the page makes first; started by the script once the session says someone is signed in. */
  data?: string[];
}

/** What the emitted script is given per path: the files to fetch now, and the data to ask for. */
export interface FirstLoadPlan {
  files: string[];
  data: string[];
}

const isChunk = (item: OutputBundle[string]): item is OutputChunk => item.type === 'chunk';

/**
 * The files a page needs beyond index.html's own: the chunk of each module, its static imports, and
 * their stylesheets. Throws when a module has no chunk of its own (renamed, or no longer lazy), so a
 * stale list fails the build instead of quietly preloading nothing.
 */
export function filesFor(bundle: OutputBundle, modules: string[]): string[] {
  const chunks = Object.values(bundle).filter(isChunk);
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const closure = (fileName: string, into: Set<string>) => {
    if (into.has(fileName)) return;
    into.add(fileName);
    for (const imported of byFile.get(fileName)?.imports ?? []) closure(imported, into);
  };
  for (const chunk of chunks) if (chunk.isEntry) closure(chunk.fileName, initial);
  const wanted = new Set<string>();
  for (const module of modules) {
    const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/web/${module}`));
    if (!chunk) throw new Error(`firstLoad: no chunk of its own for web/${module} (renamed, or imported statically?)`);
    closure(chunk.fileName, wanted);
  }
  const files: string[] = [];
  for (const fileName of wanted) {
    if (initial.has(fileName)) continue;
    files.push(fileName);
    const css = (byFile.get(fileName) as { viteMetadata?: { importedCss?: Set<string> } } | undefined)?.viteMetadata;
    for (const sheet of css?.importedCss ?? []) if (!files.includes(sheet)) files.push(sheet);
  }
  return files.map((file) => `/${file}`);
}

/**
 * The script index.html names first (classic, async, no imports): on a landing path it asks at once for
 * that page's chunks (modulepreload) and its first data, which the entry would otherwise ask for only
 * after its own 180 KB have arrived and run — about five seconds later on slow 3G. The data is kept on
 * `window.havenEarly` for app/api/client.ts to take once.
 */
export function firstLoadScript(plans: Record<string, FirstLoadPlan>): string {
  return `(() => {
  const plan = ${JSON.stringify(plans)}[location.pathname.replace(/(.)\\/+$/, '$1')];
  if (!plan) return;
  let language = 'zh-CN';
  try { if (localStorage.getItem('haven.language') === 'en') language = 'en'; } catch {}
  const get = (path) => fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': language } });
  const early = (window.havenEarly = { language, at: Date.now(), responses: {} });
  const session = get('/api/auth/session');
  early.responses['/api/auth/session'] = session;
  const signedIn = session.then((r) => (r.ok ? r.clone().json() : null)).then((s) => Boolean(s && s.me), () => false);
  for (const path of plan.data) early.responses[path] = signedIn.then((yes) => (yes ? get(path) : undefined));
  // After the session request: six connections per host, and the data must not wait behind the files.
  for (const href of plan.files) {
    const link = document.createElement('link');
    link.rel = href.endsWith('.css') ? 'stylesheet' : 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.appendChild(link);
  }
})();
`;
}

/**
 * Emits `assets/first-load-<hash>.js` for the signed-in landing paths and names it first in
 * index.html (docs/performance.md, benchmark 7).
 */
export function firstLoad(routes: Record<string, FirstLoadRoute>): Plugin {
  let scriptFile: string | undefined;
  return {
    name: 'haven-first-load',
    apply: 'build',
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        const plans = Object.fromEntries(
          Object.entries(routes).map(([path, route]) => [
            path,
            { files: filesFor(bundle, route.modules), data: route.data ?? [] },
          ]),
        );
        const reference = this.emitFile({ type: 'asset', name: 'first-load.js', source: firstLoadScript(plans) });
        scriptFile = this.getFileName(reference);
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler() {
        if (!scriptFile) return [];
        return [
          {
            tag: 'script',
            attrs: { src: `/${scriptFile}`, async: true, fetchpriority: 'high' },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
