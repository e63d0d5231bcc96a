import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { buildApp, type FeatureRoutes } from './app.js';

/**
 * The OpenAPI document exactly as `GET /api/openapi.json` serves it, built from the real app
 * without a server or a database: the pool is never asked for a connection, since building routes
 * runs no query.
 */
export async function buildOpenApiDocument(features: readonly FeatureRoutes[]): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'unused', database: 'unused' });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const config = loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' });
  const { app } = await buildApp({ db, config, embedded: undefined }, features);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.destroy();
  }
}
