import { createHash, randomBytes } from 'node:crypto';

export function randomToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as hashes: a copy of the database does not hold usable sessions or tokens. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
