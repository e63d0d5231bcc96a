import { type Kysely, sql } from 'kysely';

/**
 * Issue 20: indicator snapshots by month and division (the insight read model the monthly sweep
 * fills) and the stored monthly reports for the joint conference.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE insight_snapshots (
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      indicator text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      value bigint NOT NULL CHECK (value >= 0),
      PRIMARY KEY (indicator, month, division_code)
    )`.execute(db);
  await sql`CREATE INDEX insight_snapshots_month_idx ON insight_snapshots (month, division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    CREATE TABLE insight_snapshot_months (
      month date PRIMARY KEY,
      as_of timestamptz NOT NULL,
      final boolean NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE insight_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      division_code text NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      generated_at timestamptz NOT NULL,
      generated_by text NOT NULL,
      file bytea NOT NULL,
      sha256 text NOT NULL,
      UNIQUE (division_code, month)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE insight_reports`.execute(db);
  await sql`DROP TABLE insight_snapshot_months`.execute(db);
  await sql`DROP TABLE insight_snapshots`.execute(db);
}
