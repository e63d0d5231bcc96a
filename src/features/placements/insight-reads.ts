import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { type InstitutionKind, institutionKinds } from './model.js';
import './tables.js';

export interface FinishedStays {
  kind: InstitutionKind;
  ended: number;
  medianDays: number;
  p90Days: number;
  /** Of those, stays longer than 10 days (the rescue station's limit). */
  pastTenDays: number;
}

/**
 * Institution placements of the subtree of `prefix` (by the placement's division) that ended in
 * [from, to), per institution kind, counts only: how many, the median and 90th percentile of
 * their length in days, and how many lasted more than 10 days. Bounded by the month
 * (`placements_ended_at_idx`).
 */
export async function finishedStaysBetween(
  db: Kysely<Database> | Transaction<Database>,
  prefix: string,
  from: Date,
  to: Date,
): Promise<FinishedStays[]> {
  const { rows } = await sql<FinishedStays>`
    SELECT kind, count(*)::int AS ended,
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS "medianDays",
      round(percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS "p90Days",
      count(*) FILTER (WHERE days > 10)::int AS "pastTenDays"
    FROM (SELECT kind, extract(epoch FROM ended_at - started_at) / 86400 AS days FROM placements
      WHERE ended_at >= ${from} AND ended_at < ${to} AND kind = ANY(${[...institutionKinds]}::text[])
        AND division_code LIKE ${`${prefix}%`}
        AND ${systemScope('insight flow table: finished stays are counted per kind, no child is named')}) stays
    GROUP BY kind`.execute(db);
  return rows;
}
