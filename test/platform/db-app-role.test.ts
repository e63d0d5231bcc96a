import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../support/cluster.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type Factories, factories } from '../support/factories.js';
import { loadFeatures } from '../../src/server.js';
import { systemActor } from '../../src/platform/access/actor.js';
import { recordAudit } from '../../src/platform/audit/append.js';
import { verifyAuditChain } from '../../src/platform/audit/verify.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import { appRoleProblem, connectAppDatabase, embeddedAppRole, grantAppRole } from '../../src/platform/db/app-role.js';
import { type Db, openPool } from '../../src/platform/db/connect.js';
import { unitOfWork } from '../../src/platform/db/unit-of-work.js';

let owner: TestDatabase;
let app: Db;
let make: Factories;
const role = `haven_app_t_${randomBytes(4).toString('hex')}`;
const other = `haven_app_u_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');

function urlAs(user: string, secret: string, base = owner.url): string {
  const url = new URL(base);
  url.username = user;
  url.password = secret;
  return url.toString();
}

beforeAll(async () => {
  owner = await createTestDatabase();
  // A city officer and a few children, made by the factories as the owner (no demo).
  make = factories(owner.db);
  await make.as('officer.city');
  for (let n = 0; n < 3; n += 1) await make.child();
  await adminQuery(owner.url, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await grantAppRole(owner.db, role);
  app = await openPool(urlAs(role, password), undefined, 4);
});
afterAll(async () => {
  await app.close();
  await owner.drop();
  const maintenance = owner.url.replace(/\/[^/]*$/, '/postgres');
  for (const name of [role, other, embeddedAppRole]) await adminQuery(maintenance, `DROP ROLE IF EXISTS ${name}`);
});

describe('the application database role', () => {
  it('cannot switch off, change, delete or empty the audit log', async () => {
    const refused = [
      sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
      sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      sql`UPDATE audit_log SET action = 'rewritten'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
      sql`DROP TABLE audit_log`,
      sql`CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
    ];
    for (const statement of refused) {
      const error = await statement.execute(app.db).then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string },
      );
      // 42501 insufficient_privilege: refused by permissions, not merely by the trigger.
      expect(error?.code, String(error?.message)).toBe('42501');
      expect(error?.message).toMatch(/permission denied|must be owner/);
    }
    expect(await appRoleProblem(app.db)).toBeUndefined();
    expect(await appRoleProblem(owner.db)).toMatch(/superuser|owns/);
  });

  it('cannot change the record of applied migrations', async () => {
    await expect(sql`DELETE FROM kysely_migration`.execute(app.db)).rejects.toThrow(/permission denied/);
  });

  it('writes, audits and verifies as that role', async () => {
    await unitOfWork(
      app.db,
      systemActor('test'),
      'test.as_app_role',
      async ({ trx }) => void (await trx.insertInto('settings').values({ key: 'as-app', value: '1' }).execute()),
    );
    await recordAudit(app.db, systemActor('test'), { action: 'test.read_as_app_role' });
    expect(
      await app.db.selectFrom('audit_log').select('action').where('action', 'like', 'test.%as_app_role').execute(),
    ).toHaveLength(2);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });

  it('serves the API: sign-in with a second factor, an audited read', async () => {
    const config = loadConfig(
      {},
      {
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        rateLimitPerMinute: 100_000,
        webDir: path.join(os.tmpdir(), 'no-web'),
      },
    );
    const built = await buildApp({ db: app.db, config, embedded: undefined }, (await loadFeatures()).routes);
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = built.app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const officer = await make.signInAs(url, 'officer.city');
      const children = await officer.request('GET', '/api/children');
      expect(children.status).toBe(200);
      expect(((await children.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    } finally {
      await built.app.close();
    }
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });

  it('gets the same rights on tables that later migrations create', async () => {
    await sql`CREATE TABLE later_feature (id int PRIMARY KEY, note text)`.execute(owner.db);
    await sql`INSERT INTO later_feature VALUES (1, 'a')`.execute(app.db);
    await sql`UPDATE later_feature SET note = 'b'`.execute(app.db);
    await sql`DELETE FROM later_feature`.execute(app.db);
    await expect(sql`ALTER TABLE later_feature ADD COLUMN x int`.execute(app.db)).rejects.toThrow(/must be owner/);
  });
});

describe('connecting the API as the application role', () => {
  it('embedded: creates haven_app with a private random password and connects as it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-app-role-'));
    // The owner's pool stands in for the embedded cluster's (same cluster, a superuser).
    const ownerDb = await openPool(owner.url, undefined, 2);
    const embeddedOwner: Db = {
      ...ownerDb,
      embedded: {
        url: owner.url,
        socket: undefined,
        startedHere: false,
        stop: async () => undefined,
        supervise: () => ({ restarts: 0, nudge: () => undefined, stop: async () => undefined }),
      },
    };
    const api = await connectAppDatabase(
      { dataDir, databaseUrl: undefined, databaseOwnerUrl: undefined },
      embeddedOwner,
    );
    try {
      const me = await sql<{ user: string }>`SELECT current_user AS user`.execute(api.db);
      expect(me.rows[0]?.user).toBe(embeddedAppRole);
      expect((await stat(path.join(dataDir, 'pg-app-credentials.json'))).mode & 0o777).toBe(0o600);
      await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(api.db)).rejects.toThrow(
        /must be owner/,
      );
      await recordAudit(api.db, systemActor('test'), { action: 'test.embedded_app_role' });
    } finally {
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    // Closing the API's pool closes the owner's too (and with it the embedded cluster).
    expect(ownerDb.pool.ended).toBe(true);
  });

  it('DATABASE_URL with DATABASE_OWNER_URL: grants to the role of DATABASE_URL and connects as it', async () => {
    await adminQuery(owner.url, `CREATE ROLE ${other} LOGIN PASSWORD 'pw-${other}'`);
    const ownerDb = await openPool(owner.url, undefined, 2);
    const logged: string[] = [];
    const api = await connectAppDatabase(
      { dataDir: os.tmpdir(), databaseUrl: urlAs(other, `pw-${other}`), databaseOwnerUrl: owner.url },
      ownerDb,
      { log: (line) => logged.push(line) },
    );
    try {
      const me = await sql<{ user: string }>`SELECT current_user AS user`.execute(api.db);
      expect(me.rows[0]?.user).toBe(other);
      await expect(sql`DELETE FROM audit_log`.execute(api.db)).rejects.toThrow(/permission denied/);
      expect(logged).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('DATABASE_URL alone: runs as it and warns that it is the owner', async () => {
    const ownerDb = await openPool(owner.url, undefined, 2);
    const logged: string[] = [];
    const api = await connectAppDatabase(
      { dataDir: os.tmpdir(), databaseUrl: owner.url, databaseOwnerUrl: undefined },
      ownerDb,
      { log: (line) => logged.push(line) },
    );
    await api.close();
    expect(api).toBe(ownerDb);
    expect(logged.join('\n')).toMatch(/DATABASE_OWNER_URL is not set/);
  });
});
