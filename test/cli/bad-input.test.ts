import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineFailure, freePort, type HavenHome, havenHome } from './haven-cli.js';

// Failures before any database is started: fast, and they must still be one clear line.
let home: HavenHome;
beforeAll(async () => {
  home = await havenHome();
});
afterAll(async () => home.cleanup());

describe('bad configuration stops start-up with one line naming the variable', { timeout: 240_000 }, () => {
  it('PORT=abc, PORT=70000 and LOG_LEVEL=loud: exit 1, the variable named with what is allowed, nothing started', async () => {
    const [letters, tooBig, level] = await Promise.all([
      home.run(['serve'], { env: { PORT: 'abc' } }),
      home.run(['migrate'], { env: { PORT: '70000' } }),
      home.run(['serve'], { env: { LOG_LEVEL: 'loud' } }),
    ]);
    for (const result of [letters, tooBig, level]) {
      // Nothing else on stderr: the configuration is checked before anything starts.
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
      expectOneLineFailure(result);
    }
    expect(expectOneLineFailure(letters)).toMatch(
      /^haven: Invalid configuration — environment variable PORT: .*number/,
    );
    expect(expectOneLineFailure(tooBig)).toMatch(/environment variable PORT: .*65535/);
    expect(expectOneLineFailure(level)).toMatch(/environment variable LOG_LEVEL: .*"info"/);
    expect(existsSync(path.join(home.dir, 'pg'))).toBe(false);
  });
});

describe('DATABASE_URL that cannot be reached', { timeout: 240_000 }, () => {
  it('gives one line "Cannot reach PostgreSQL…" with what to do, the password hidden, for migrate and serve; an unknown host is named', async () => {
    const closed = await freePort();
    const url = `postgres://haven:s3cret-word@127.0.0.1:${closed}/haven`;
    const [migrate, serve, unknownHost] = await Promise.all([
      home.run(['migrate'], { env: { DATABASE_URL: url } }),
      home.run(['serve'], { env: { DATABASE_URL: url } }),
      home.run(['migrate', '--status'], {
        env: { DATABASE_URL: 'postgres://haven:x@no-such-host.invalid:5432/haven' },
      }),
    ]);
    for (const result of [migrate, serve]) {
      const line = expectOneLineFailure(result);
      expect(line).toMatch(
        new RegExp(
          `^haven: Cannot reach PostgreSQL at postgres://haven:\\*\\*\\*@127\\.0\\.0\\.1:${closed}/haven: nothing is listening there .*ECONNREFUSED.*correct DATABASE_URL`,
        ),
      );
      expect(result.stderr).not.toContain('s3cret-word');
    }
    expect(expectOneLineFailure(unknownHost)).toMatch(
      /^haven: Cannot reach PostgreSQL at .*no-such-host\.invalid.*: the host name cannot be resolved/,
    );
  });
});
