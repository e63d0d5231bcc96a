import { type Kysely, sql } from 'kysely';
import { shanghaiDateOf } from '../calendar/index.js';
import type { Database } from '../db/schema.js';
import '../rules/tables.js';

/** What an incremental run looks at besides its marks: the day of the last finished run. */
export interface SweepWindow {
  /** Shanghai day of the last finished run: what the calendar changed is in (lastDay, today]. */
  lastDay: string;
  /** The moment the last finished run swept as of. */
  lastAsOf: Date;
  /** What the last finished run recorded (a sweep may keep its own watermark there). */
  lastOutcome: Record<string, unknown>;
}

/**
 * Whether a sweep that reads only what changed since its last run (marks, date windows) may do so
 * as of `asOf`, or must read everything (null): on its first run, when no full pass finished in the
 * last `fullPassDays` (for what no mark or window shows — an organisation founded where a child had
 * no owner), and when a rule set was added or took effect since the last run (an interval or a
 * limit may have moved). A full run records `full: 1` in its outcome.
 */
export async function incrementalWindow(
  db: Kysely<Database>,
  sweep: string,
  asOf: Date,
  fullPassDays: number,
): Promise<SweepWindow | null> {
  const last = await db
    .selectFrom('sweep_runs')
    .select(['as_of', 'started_at', 'outcome'])
    .where('sweep', '=', sweep)
    .where('finished_at', 'is not', null)
    .where('as_of', '<=', asOf)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return null;
  const lastDay = shanghaiDateOf(last.as_of);
  const sinceFull = await db
    .selectFrom('sweep_runs')
    .select('id')
    .where('sweep', '=', sweep)
    .where('finished_at', 'is not', null)
    .where('as_of', '<=', asOf)
    .where('as_of', '>', new Date(asOf.getTime() - fullPassDays * 86_400_000))
    .where(sql<boolean>`outcome->>'full' = '1'`)
    .limit(1)
    .executeTakeFirst();
  if (!sinceFull) return null;
  const rulesMoved = await db
    .selectFrom('rule_sets')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('created_at', '>', last.started_at),
        eb.and([eb('valid_from', '>', lastDay), eb('valid_from', '<=', shanghaiDateOf(asOf))]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return rulesMoved
    ? null
    : { lastDay, lastAsOf: last.as_of, lastOutcome: (last.outcome ?? {}) as Record<string, unknown> };
}
