import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s: every alert the escalation sweep raises is written into each index of
 * `alerts`. Two of them no plan reads: the primary key on the serial `id` (nothing looks an alert up
 * by it, nothing references it) and `alerts_role_idx` (its rows have no recipient organisation,
 * which neither the sweep nor the routing ever writes, and no query asks for them). The unique
 * (clock_id, level) — the sweep's idempotency, and the lookup of a clock's alerts — becomes the
 * primary key; the inbox's two indexes (by organisation and by person, newest first) stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE alerts DROP CONSTRAINT alerts_pkey`.execute(db);
  await sql`ALTER TABLE alerts DROP CONSTRAINT alerts_clock_id_level_key, ADD CONSTRAINT alerts_pkey PRIMARY KEY (clock_id, level)`.execute(
    db,
  );
  await sql`DROP INDEX alerts_role_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX alerts_role_idx ON alerts (recipient_role, division_code) WHERE recipient_org_id IS NULL`.execute(
    db,
  );
  await sql`ALTER TABLE alerts DROP CONSTRAINT alerts_pkey, ADD CONSTRAINT alerts_clock_id_level_key UNIQUE (clock_id, level)`.execute(
    db,
  );
  await sql`ALTER TABLE alerts ADD CONSTRAINT alerts_pkey PRIMARY KEY (id)`.execute(db);
}
