import { type Kysely, Migrator, type MigrationResultSet, sql } from 'kysely';
import { sealLegacyAuditChain } from '../audit/keyed-chain.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

function migrator(db: Kysely<unknown>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export interface MigrationStatus {
  current: string | null;
  applied: string[];
  pending: string[];
  /** Migrations recorded in the database that this build does not know: a newer Haven wrote it. */
  unknown: string[];
}

export async function migrationStatus<DB>(database: Kysely<DB>): Promise<MigrationStatus> {
  const db = database as unknown as Kysely<unknown>;
  const known = Object.keys(migrations).sort();
  const applied = await appliedMigrations(db);
  return {
    current: applied.at(-1) ?? null,
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

export async function migrateToLatest<DB>(database: Kysely<DB>): Promise<string[]> {
  const db = database as unknown as Kysely<unknown>;
  const status = await migrationStatus(db);
  if (status.unknown.length > 0) {
    throw new MigrationError(
      `This database was migrated by a newer Haven (it has ${status.unknown.join(', ')}, which this version does not know). Upgrade Haven, or restore a backup made by this version.`,
    );
  }
  const applied = describe(await migrator(db).migrateToLatest());
  if (applied.includes('0022_audit_keyed_chain')) await sealLegacyAuditChain(database as unknown as Kysely<Database>);
  return applied;
}

export async function migrateTo<DB>(database: Kysely<DB>, target: string): Promise<string[]> {
  const db = database as unknown as Kysely<unknown>;
  return describe(await migrator(db).migrateTo(target));
}

function describe(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const exists = await sql<{
    found: boolean;
  }>`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((row) => row.name);
}
