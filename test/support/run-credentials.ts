import { createHmac } from 'node:crypto';
import type { DemoCredentials } from '../../src/demo/credentials.js';

/** What the global setup draws for each run: the demo password and the seed of every authenticator secret. */
export interface RunCredentials {
  password: string;
  secretSeed: string;
}

/** Each account's authenticator secret follows from the run's seed, so every worker knows it. */
export function runCredentials({ password, secretSeed }: RunCredentials): DemoCredentials {
  return {
    password,
    totpSecret: (username) => base32(createHmac('sha256', secretSeed).update(username).digest().subarray(0, 20)),
  };
}

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += base32Alphabet[(value << (5 - bits)) & 31];
  return text;
}
