import type pg from 'pg';
import { createGenerator, type SynthVillage } from '../src/demo/synthetic/index.js';
import type { SynthRows } from '../src/demo/synthetic/rows.js';
import { createRng } from '../src/demo/synthetic/prng.js';
import { openCopy, type CopyTarget } from './copy.js';
import type { VisitSubject } from './load-visits.js';

export const registryTables = [
  'children',
  'family_members',
  'member_situations',
  'child_categories',
  'child_timeline',
  'duplicate_candidates',
] as const;
type RegistryTable = (typeof registryTables)[number];

/** A child a case can be opened for: enough to place the case and its clocks. */
export interface CaseSubject {
  childId: string;
  divisionCode: string;
  registeredAt: string;
}

export interface RegistryLoad {
  rows: Record<RegistryTable, number>;
  caseSubjects: CaseSubject[];
  visitSubjects: VisitSubject[];
}

/** Streams `count` synthetic children (and their families, categories, timeline, duplicates) into the tables by COPY. */
export async function loadRegistry(
  pool: pg.Pool,
  options: {
    seed: string;
    asOf: string;
    count: number;
    villages: readonly SynthVillage[];
    takenIds: Iterable<string>;
    caseShare: number;
    onProgress: (children: number) => void;
  },
): Promise<RegistryLoad> {
  const generator = createGenerator({
    seed: options.seed,
    asOf: options.asOf,
    villages: options.villages,
    takenIds: options.takenIds,
    source: 'bench',
  });
  const pickForCase = createRng(`${options.seed}:cases`);
  const caseSubjects: CaseSubject[] = [];
  const visitSubjects: VisitSubject[] = [];
  const copies = new Map<RegistryTable, CopyTarget>();
  let loaded = 0;
  try {
    for (const batch of generator.batches(options.count, 2000)) {
      for (const table of registryTables) {
        const rows = batch[table] as SynthRows[RegistryTable];
        if (rows.length === 0) continue;
        let copy = copies.get(table);
        if (!copy) {
          copy = await openCopy(pool, table, Object.keys(rows[0]!));
          copies.set(table, copy);
        }
        await copy.write(rows);
      }
      const confirmed = new Set(batch.child_categories.filter((c) => c.state === 'confirmed').map((c) => c.child_id));
      const guardians = new Map(batch.family_members.filter((m) => m.is_guardian).map((m) => [m.child_id, m]));
      for (const child of batch.children) {
        if (confirmed.has(child.id)) {
          const guardian = guardians.get(child.id);
          visitSubjects.push({
            childId: child.id,
            registeredAt: String(child.created_at).slice(0, 10),
            riskGrade: child.risk_grade ?? null,
            guardian: guardian?.name ?? null,
            relation: guardian?.relation ?? null,
          });
        }
        if (pickForCase.chance(options.caseShare))
          caseSubjects.push({
            childId: child.id,
            divisionCode: child.residence_code,
            registeredAt: String(child.created_at).slice(0, 10),
          });
      }
      loaded += batch.count;
      options.onProgress(loaded);
    }
  } finally {
    for (const copy of copies.values()) await copy.end();
  }
  const rows = Object.fromEntries(registryTables.map((table) => [table, copies.get(table)?.rows ?? 0])) as Record<
    RegistryTable,
    number
  >;
  return { rows, caseSubjects, visitSubjects };
}
