import { sql, type Transaction } from 'kysely';
import { notFound, staleVersion } from '../errors.js';

/**
 * Optimistic concurrency (invariant 5): the update applies only if the row still has the version
 * the client edited; otherwise a 409 carries the current version. Returns the updated row.
 */
export async function updateVersioned<Row extends { version: number }, DB = unknown>(
  trx: Transaction<DB>,
  options: {
    table: string;
    entity: string;
    id: string;
    expectedVersion: number;
    values: Record<string, unknown>;
  },
): Promise<Row> {
  const assignments = Object.entries(options.values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const updated = await sql<Row>`
    UPDATE ${sql.table(options.table)}
    SET ${sql.join([...assignments, sql`version = version + 1`, sql`updated_at = now()`])}
    WHERE id = ${options.id} AND version = ${options.expectedVersion}
    RETURNING *`.execute(trx);
  const row = updated.rows[0];
  if (row) return row;
  // Only the version: the row may hold secrets (a user's password hash) the caller must never see.
  const current = await sql<{
    version: number;
  }>`SELECT version FROM ${sql.table(options.table)} WHERE id = ${options.id}`.execute(trx);
  const currentRow = current.rows[0];
  if (!currentRow) throw notFound(options.entity, options.id);
  throw staleVersion(options.entity, options.id, currentRow.version);
}
