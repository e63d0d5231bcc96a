import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s: the assessment sweep asks, for each day's key-attention visit, whether a
 * risk-clue clock of the child runs or started since. Through `clocks_subject_idx` (every clock of
 * the province, 3.7M entries at 1M children) that was a page read from disk per clue; the risk-clue
 * clocks are a few percent of them, and with the two columns the question reads it is answered from
 * this index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX clocks_risk_clue_idx ON clocks (subject_id) INCLUDE (started_at, state)
    WHERE rule = 'assessment.risk_clue' AND subject_type = 'assessment'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX clocks_risk_clue_idx`.execute(db);
}
