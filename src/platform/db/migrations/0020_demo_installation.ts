import { type Kysely, sql } from 'kysely';

/**
 * Issue 12, secure by default: a database that holds the demo says so, and keeps the demo's
 * sign-ins, which are random per installation. A database with demo accounts but no
 * `demo_installation` row (seeded by an older Haven, whose demo password and authenticator
 * secrets were published) is refused by `serve`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE demo_installation (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      password text NOT NULL,
      seeded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE demo_accounts (
      username text PRIMARY KEY,
      totp_secret text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE demo_accounts, demo_installation`.execute(db);
}
