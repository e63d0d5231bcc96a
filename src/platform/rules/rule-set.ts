import type { z } from 'zod';

/**
 * Invariant 7, rules are data. Each feature declares the sections it reads, as Zod schemas whose
 * defaults are the DOMAIN.md defaults; stored rule sets override them per division subtree from a
 * date. This file is pure: resolution from already loaded rows, so a sweep over a million clocks
 * loads the rows once and resolves in memory.
 */
export interface RuleSection<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
}

const sections = new Map<string, RuleSection<unknown>>();

export function ruleSection<S extends z.ZodType>(name: string, schema: S): RuleSection<z.output<S>> {
  const section: RuleSection<z.output<S>> = { name, schema: schema as z.ZodType<z.output<S>> };
  sections.set(name, section as RuleSection<unknown>);
  return section;
}

export function registeredRuleSections(): ReadonlyMap<string, RuleSection<unknown>> {
  return sections;
}

export interface StoredRuleSet {
  scopeCode: string;
  version: number;
  validFrom: string;
  rules: Record<string, unknown>;
}

export interface RuleSet {
  /** Which stored versions made this set, e.g. "000000000000@2+421000000000@1", or "default". */
  readonly version: string;
  get<T>(section: RuleSection<T>): T;
}

export const everywhere = '000000000000';

/** The scope's code without the zeros of the levels below it: 421000000000 → 4210. */
function scopePrefix(code: string): string {
  if (code === everywhere) return '';
  const levels = [2, 4, 6, 9, 12];
  for (const length of levels) {
    if (/^0*$/.test(code.slice(length))) return code.slice(0, length);
  }
  return code;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and values replace. */
export function mergeRules(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeRules(current, value) : value;
  }
  return merged;
}

/** For each scope containing the division, its newest version valid on the date; general to specific. */
export function applicableRuleSets(
  rows: readonly StoredRuleSet[],
  divisionCode: string,
  asOfDate: string,
): StoredRuleSet[] {
  const newestByScope = new Map<string, StoredRuleSet>();
  for (const row of rows) {
    if (row.validFrom > asOfDate || !divisionCode.startsWith(scopePrefix(row.scopeCode))) continue;
    const current = newestByScope.get(row.scopeCode);
    if (!current || row.version > current.version) newestByScope.set(row.scopeCode, row);
  }
  return [...newestByScope.values()].sort((a, b) => scopePrefix(a.scopeCode).length - scopePrefix(b.scopeCode).length);
}

export function resolveRuleSet(rows: readonly StoredRuleSet[], divisionCode: string, asOfDate: string): RuleSet {
  const applicable = applicableRuleSets(rows, divisionCode, asOfDate);
  const document = applicable.reduce<Record<string, unknown>>((merged, row) => mergeRules(merged, row.rules), {});
  const parsed = new Map<string, unknown>();
  return {
    version: applicable.length === 0 ? 'default' : applicable.map((row) => `${row.scopeCode}@${row.version}`).join('+'),
    get<T>(section: RuleSection<T>): T {
      if (!parsed.has(section.name)) parsed.set(section.name, section.schema.parse(document[section.name] ?? {}));
      return parsed.get(section.name) as T;
    },
  };
}

/** Checks a document before it is stored: every section it names must parse. */
export function ruleDocumentProblems(document: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(document)) {
    const section = sections.get(name);
    if (!section) {
      problems.push({ path: name, message: `unknown rule section "${name}"` });
      continue;
    }
    const result = section.schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({ path: [name, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return problems;
}
