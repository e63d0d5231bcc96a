import { registryRules } from '../../features/registry/rule-sections.js';
import { synthChild, synthDuplicate, type GeneratorContext, type SynthVillage } from './child.js';
import { createRng } from './prng.js';
import { addChildRows, addDuplicateRow, emptyRows, type SynthRows } from './rows.js';

export type { SynthChild, SynthVillage } from './child.js';
export { emptyRows, type SynthRows } from './rows.js';

export interface GeneratorOptions {
  seed: string;
  /** The day the data describes: ages, "since" dates and category proposals are as of it. */
  asOf: string;
  villages: readonly SynthVillage[];
  takenIds?: Iterable<string>;
  /** Share of children entered a second time (likely duplicates for the review queue). */
  duplicateRate?: number;
  source: 'demo' | 'bench';
}

/**
 * The deterministic generator shared by the demo seed and the benchmark: `batches(n, size)` yields
 * rows for `n` children in batches, the same rows for the same seed, date and villages.
 */
export function createGenerator(options: GeneratorOptions) {
  const rng = createRng(options.seed);
  const ctx: GeneratorContext = {
    rng,
    asOf: options.asOf,
    rules: registryRules.schema.parse({}),
    villages: options.villages,
    takenIds: new Set(options.takenIds ?? []),
    takenPhones: new Set(),
  };
  const duplicateRate = options.duplicateRate ?? 0.01;
  if (options.villages.length === 0) throw new Error('The synthetic data needs at least one village');
  return {
    context: ctx,
    *batches(count: number, batchSize: number): Generator<SynthRows & { count: number }> {
      let rows = emptyRows();
      let inBatch = 0;
      for (let i = 0; i < count; i += 1) {
        const child = synthChild(ctx, rng.pick(options.villages));
        addChildRows(rows, child, options.source);
        inBatch += 1;
        if (rng.chance(duplicateRate) && i + 1 < count) {
          const copy = synthDuplicate(ctx, child);
          addChildRows(rows, copy, options.source);
          addDuplicateRow(rows, child, copy, rng.uuid());
          inBatch += 1;
          i += 1;
        }
        if (inBatch >= batchSize) {
          yield { ...rows, count: inBatch };
          rows = emptyRows();
          inBatch = 0;
        }
      }
      if (inBatch > 0) yield { ...rows, count: inBatch };
    },
  };
}
