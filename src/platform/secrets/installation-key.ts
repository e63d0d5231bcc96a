import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The installation key: 32 random bytes kept OUTSIDE the database — `HAVEN_SECRET_KEY` (64 hex
 * digits or base64 of 32 bytes), or else `<dataDir>/installation.key` (mode 0600, made on first
 * start). Whoever holds a copy of the database (a dump, a backup, its files, a superuser) but not
 * this key cannot re-seal the audit chain, sign a backup or read the TOTP secrets. It must be
 * backed up separately from the database: without it those cannot be verified or read.
 *
 * Each use gets its own subkey (HKDF-SHA256), so no two purposes ever share key material.
 */
export type KeyPurpose = 'audit-chain' | 'backup-signing' | 'totp' | 'fingerprint' | 'offline-store';

export const installationKeyFileName = 'installation.key';
export const secretKeyEnv = 'HAVEN_SECRET_KEY';

export class InstallationKeyError extends Error {
  override readonly name = 'InstallationKeyError';
}

let active: Buffer | undefined;

/** Makes `key` the one this process uses (set by `loadInstallationKey`; tests may set their own). */
export function useInstallationKey(key: Buffer): void {
  if (key.length !== 32) throw new InstallationKeyError('The installation key must be 32 bytes.');
  active = Buffer.from(key);
}

/** The key in use: the one loaded, else `HAVEN_SECRET_KEY`; fails when there is neither. */
export function installationKey(): Buffer {
  if (active) return active;
  const fromEnv = process.env[secretKeyEnv];
  if (fromEnv) {
    useInstallationKey(parseKey(fromEnv, secretKeyEnv));
    return active!;
  }
  throw new InstallationKeyError(
    `No installation key is loaded: set ${secretKeyEnv}, or start Haven once so it creates ${installationKeyFileName} in its data folder.`,
  );
}

export function hasInstallationKey(): boolean {
  return active !== undefined || Boolean(process.env[secretKeyEnv]);
}

/** A 32-byte subkey for one purpose. */
export function derivedKey(purpose: KeyPurpose, key: Buffer = installationKey()): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `haven/${purpose}/v1`, 32));
}

/** A short public name of the key (not secret): tells which key wrote a database, without revealing it. */
export function keyFingerprint(key: Buffer = installationKey()): string {
  return createHash('sha256').update(derivedKey('fingerprint', key)).digest('hex').slice(0, 16);
}

/**
 * Loads the key (env first, then the data folder's file, created if absent) and makes it the one in
 * use. `log` is told when a new key file is created, so the operator can back it up.
 */
export async function loadInstallationKey(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<Buffer> {
  const env = options.env ?? process.env;
  const fromEnv = env[secretKeyEnv];
  if (fromEnv) {
    const key = parseKey(fromEnv, secretKeyEnv);
    useInstallationKey(key);
    return key;
  }
  const file = path.join(dataDir, installationKeyFileName);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new InstallationKeyError(`Cannot read the installation key ${file} (${error.code ?? error.message}).`);
  });
  if (!info) {
    const key = randomBytes(32);
    await mkdir(dataDir, { recursive: true });
    // 'wx': two processes starting at once never overwrite each other's key.
    const created = await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw new InstallationKeyError(`Cannot create the installation key ${file} (${error.code ?? error.message}).`);
      },
    );
    if (created) {
      await chmod(file, 0o600);
      options.log?.(
        `Created the installation key ${file}. Back it up separately from the database: without it the audit chain, signed backups and TOTP secrets cannot be verified or read.`,
      );
      useInstallationKey(key);
      return key;
    }
    return loadInstallationKey(dataDir, options);
  }
  if ((info.mode & 0o077) !== 0) {
    throw new InstallationKeyError(
      `The installation key ${file} may be read by other users (mode ${(info.mode & 0o777).toString(8)}). Make it private: chmod 600 ${file}.`,
    );
  }
  const key = parseKey(await readFile(file, 'utf8'), file);
  useInstallationKey(key);
  return key;
}

function parseKey(text: string, source: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  if (key?.length !== 32) {
    throw new InstallationKeyError(
      `${source} is not an installation key: it must be 32 bytes, written as 64 hex digits or as base64 (e.g. \`openssl rand -hex 32\`).`,
    );
  }
  return key;
}
