import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { connectionUrl, removeStaleSocketFiles, socketFolder } from './embedded-socket.js';

describe('the socket folder of the embedded PostgreSQL', () => {
  it('is <data>/pg-socket when the socket path fits 107 bytes and the folder has plain characters', () => {
    expect(socketFolder('/var/lib/haven', 5433)).toEqual({ folder: '/var/lib/haven/pg-socket' });
    // 107 bytes with `/pg-socket/.s.PGSQL.54339` (25): a folder of 82 bytes fits, 83 does not.
    expect(socketFolder(`/${'a'.repeat(81)}`, 54339)).toHaveProperty('folder');
    expect(socketFolder(`/${'a'.repeat(82)}`, 54339)).toMatchObject({ reason: /longer than the 107 bytes/ });
    // Bytes, not characters: a Chinese folder name is three bytes a character (and not plain).
    expect(socketFolder('/srv/数据', 5433)).toMatchObject({ reason: /characters other than/ });
    expect(socketFolder("/srv/it's here", 5433)).toMatchObject({ reason: /characters other than/ });
  });

  it("goes into the URL as `host=`, which pg reads as the socket's folder; host and port stay for tools", () => {
    const url = connectionUrl({ user: 'haven', password: 'p/w+?' }, 5433, 'haven', '/var/lib/haven/pg-socket');
    expect(parse(url)).toMatchObject({
      host: '/var/lib/haven/pg-socket',
      port: '5433',
      user: 'haven',
      password: 'p/w+?',
      database: 'haven',
    });
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(parse(connectionUrl({ user: 'haven', password: 'x' }, 5433, 'haven', undefined)).host).toBe('127.0.0.1');
  });

  it('loses a lock no running postmaster of this cluster holds (a dead PID, or one reused by another program)', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'haven-socket-'));
    try {
      // This test's own PID is alive but not PostgreSQL: as a PID reused after a container restart.
      await writeFile(path.join(folder, '.s.PGSQL.5433.lock'), `${process.pid}\n/nowhere/pg\n`);
      await writeFile(path.join(folder, '.s.PGSQL.5433'), '');
      await writeFile(path.join(folder, '.s.PGSQL.5434.lock'), '999999999\n');
      await writeFile(path.join(folder, 'unrelated'), '');
      const lines: string[] = [];
      await removeStaleSocketFiles(folder, '/nowhere/pg', (line) => lines.push(line));
      expect(await readdir(folder)).toEqual(['unrelated']);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        /Removed a stale socket lock .*\.s\.PGSQL\.\d+\.lock \(PID \d+ is not a running PostgreSQL/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("Haven's connections to the embedded PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  const query = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ server: string | null }>('SELECT host(inet_server_addr()) AS server')).rows[0]!
        .server;
    } finally {
      await client.end();
    }
  };

  it('go through the Unix socket (no server address); TCP on 127.0.0.1 still answers', async ({ skip }) => {
    // A server given by TEST_DATABASE_URL (CI) is reached however that URL says.
    const socket = new URL(database.url).searchParams.get('host');
    if (!socket) skip();
    const pooled = await database.pool.query<{ server: string | null }>('SELECT host(inet_server_addr()) AS server');
    expect(pooled.rows[0]!.server).toBeNull();
    expect(await query(database.url)).toBeNull();
    const tcp = new URL(database.url);
    tcp.searchParams.delete('host');
    expect(await query(tcp.toString())).toBe('127.0.0.1');
  });
});
