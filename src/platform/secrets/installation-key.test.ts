import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derivedKey,
  installationKey,
  InstallationKeyError,
  keyFingerprint,
  loadInstallationKey,
  useInstallationKey,
} from './installation-key.js';

let folder: string;
let original: Buffer;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'haven-key-'));
  original = installationKey();
});
afterAll(async () => {
  useInstallationKey(original);
  await rm(folder, { recursive: true, force: true });
});

describe('the installation key', () => {
  it('is created once in the data folder, private (0600), and read back the same', async () => {
    const dataDir = path.join(folder, 'data');
    const logged: string[] = [];
    const first = await loadInstallationKey(dataDir, { env: {}, log: (line) => logged.push(line) });
    const file = path.join(dataDir, 'installation.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logged.join('\n')).toMatch(/Back it up separately/);
    const again = await loadInstallationKey(dataDir, { env: {}, log: (line) => logged.push(line) });
    expect(again.equals(first)).toBe(true);
    expect(logged).toHaveLength(1);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('base64url'));
  });

  it('refuses a key file other users may read', async () => {
    const dataDir = path.join(folder, 'open');
    await loadInstallationKey(dataDir, { env: {} });
    await chmod(path.join(dataDir, 'installation.key'), 0o644);
    await expect(loadInstallationKey(dataDir, { env: {} })).rejects.toThrow(
      /may be read by other users \(mode 644\).*chmod 600/,
    );
  });

  it('takes HAVEN_SECRET_KEY first, and names a malformed one', async () => {
    const hex = 'ab'.repeat(32);
    const key = await loadInstallationKey(path.join(folder, 'unused'), { env: { HAVEN_SECRET_KEY: hex } });
    expect(key.toString('hex')).toBe(hex);
    await expect(loadInstallationKey(folder, { env: { HAVEN_SECRET_KEY: 'short' } })).rejects.toThrow(
      InstallationKeyError,
    );
    await expect(loadInstallationKey(folder, { env: { HAVEN_SECRET_KEY: 'short' } })).rejects.toThrow(
      /HAVEN_SECRET_KEY is not an installation key: it must be 32 bytes/,
    );
    await writeFile(path.join(folder, 'installation.key'), 'not a key\n', { mode: 0o600 });
    await expect(loadInstallationKey(folder, { env: {} })).rejects.toThrow(
      /installation\.key is not an installation key/,
    );
  });

  it('derives a different subkey per purpose, none equal to the key', () => {
    const key = Buffer.alloc(32, 9);
    const subkeys = (['audit-chain', 'backup-signing', 'totp', 'fingerprint'] as const).map((purpose) =>
      derivedKey(purpose, key).toString('hex'),
    );
    expect(new Set([...subkeys, key.toString('hex')]).size).toBe(5);
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(key)).not.toBe(keyFingerprint(Buffer.alloc(32, 8)));
  });
});
