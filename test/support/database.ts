import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Db, openPool } from '../../src/platform/db/connect.js';
import { adminQuery, databaseUrl, templateDatabase } from './cluster.js';

export interface TestDatabase extends Db {
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: cheap, isolated, real PostgreSQL. */
export async function createTestDatabase(template: string = templateDatabase): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `haven_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const database = await openPool(databaseUrl(adminUrl, name), undefined, 10);
  return {
    ...database,
    name,
    drop: async () => {
      await database.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** An empty database (not migrated), for migration and restore tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `haven_e_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
