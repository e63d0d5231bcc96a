import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { type Db, openPool } from './connect.js';
import type { Database } from './schema.js';

/*
 * Two database roles (issue 12, item 8). The OWNER owns the schema and runs migrations; the API
 * connects as the APPLICATION role, which may read and change rows but owns nothing: it cannot
 * alter a table (so cannot disable the audit log's append-only trigger), and on `audit_log` it
 * may only INSERT and SELECT. Tables of later migrations get the same grants by default privilege,
 * and the grants are re-applied on every start.
 */

export const embeddedAppRole = 'haven_app';
const appCredentialsFile = 'pg-app-credentials.json';

/** Grants `role` what the application needs, and no more, on everything the current (owner) role made. */
export async function grantAppRole(owner: Kysely<Database>, role: string): Promise<void> {
  const r = sql.id(role);
  await sql`GRANT USAGE ON SCHEMA public TO ${r}`.execute(owner);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`.execute(owner);
  await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`.execute(owner);
  await sql`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`.execute(owner);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`.execute(
    owner,
  );
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`.execute(owner);
  // The audit log: append and read, nothing else.
  await sql`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`.execute(owner);
  const migrationTables = await sql<{
    name: string;
  }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('kysely_migration', 'kysely_migration_lock')`.execute(
    owner,
  );
  for (const { name } of migrationTables.rows)
    await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${sql.id(name)} FROM ${r}`.execute(owner);
  // From PostgreSQL 17 ANALYZE needs MAINTAIN (the registry counts analyse their own table); older servers let every reader skip it quietly.
  const version = await sql<{ n: number }>`SELECT current_setting('server_version_num')::int AS n`.execute(owner);
  if ((version.rows[0]?.n ?? 0) >= 170000) {
    const counts = await sql<{
      found: boolean;
    }>`SELECT to_regclass('public.registry_counts') IS NOT NULL AS found`.execute(owner);
    if (counts.rows[0]?.found) await sql`GRANT MAINTAIN ON registry_counts TO ${r}`.execute(owner);
  }
}

/** What is wrong with running the API as `role` (a superuser, or the tables' owner), if anything. */
export async function appRoleProblem(db: Kysely<Database>): Promise<string | undefined> {
  const result = await sql<{ role: string; superuser: boolean; owns: boolean }>`
    SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'USAGE') AS owns
    FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'public.audit_log'::regclass`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  if (row.superuser) return `the database role ${row.role} is a superuser`;
  if (row.owns) return `the database role ${row.role} owns Haven's tables`;
  return undefined;
}

/**
 * The API's pool, as the application role: the embedded cluster's `haven_app` (made here, with a
 * random password kept in the data folder, 0600), or DATABASE_URL when DATABASE_OWNER_URL names
 * the owner. Without DATABASE_OWNER_URL the API shares the owner's connection, and says so.
 * Closing the result closes the owner's too.
 */
export async function connectAppDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseOwnerUrl' | 'dataDir'>,
  owner: Db,
  options: { log?: (line: string) => void; poolSize?: number } = {},
): Promise<Db> {
  const log = options.log ?? (() => undefined);
  let url: string;
  if (owner.embedded) {
    const password = await embeddedAppPassword(owner.db, config.dataDir);
    await grantAppRole(owner.db, embeddedAppRole);
    const parsed = new URL(owner.url);
    parsed.username = embeddedAppRole;
    parsed.password = encodeURIComponent(password);
    url = parsed.toString();
  } else if (config.databaseOwnerUrl && config.databaseUrl) {
    await grantAppRole(owner.db, decodeURIComponent(new URL(config.databaseUrl).username));
    url = config.databaseUrl;
  } else {
    log(
      'Warning: DATABASE_OWNER_URL is not set, so Haven runs as the owner of its tables, which can switch off the audit log\'s protection. Create an application role and set DATABASE_OWNER_URL (see docs/operations.md, "Database roles").',
    );
    return owner;
  }
  const app = await openPool(url, undefined, options.poolSize);
  const problem = await appRoleProblem(app.db);
  if (problem)
    log(
      `Warning: ${problem}; it can switch off the audit log's protection. Give DATABASE_URL a role that owns nothing (docs/operations.md, "Database roles").`,
    );
  return {
    ...app,
    embedded: owner.embedded,
    close: async () => {
      await app.close().catch(() => undefined);
      await owner.close();
    },
  };
}

/** Makes sure the embedded `haven_app` role exists with the password in the data folder. */
async function embeddedAppPassword(owner: Kysely<Database>, dataDir: string): Promise<string> {
  const file = path.join(dataDir, appCredentialsFile);
  const stored = await readFile(file, 'utf8')
    .then((text) => (JSON.parse(text) as { password?: unknown }).password)
    .catch(() => undefined);
  const password = typeof stored === 'string' && stored.length > 0 ? stored : randomBytes(18).toString('base64url');
  if (password !== stored) await writeFile(file, JSON.stringify({ user: embeddedAppRole, password }), { mode: 0o600 });
  const exists = await sql<{
    found: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${embeddedAppRole}) AS found`.execute(owner);
  // A role statement takes no parameters: the password goes in as an escaped literal.
  const literal = sql.raw(pg.escapeLiteral(password));
  if (exists.rows[0]?.found)
    await sql`ALTER ROLE ${sql.id(embeddedAppRole)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`.execute(
      owner,
    );
  else
    await sql`CREATE ROLE ${sql.id(embeddedAppRole)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`.execute(
      owner,
    );
  return password;
}
