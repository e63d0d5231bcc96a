import { randomBytes } from 'node:crypto';
import { generate, generateSecret } from 'otplib';
import type { DemoCredentials } from '../platform/seed.js';

export type { DemoCredentials };

/*
 * The sign-ins of one demo installation: one password for every demo account and an authenticator
 * secret per account that reads children's files. Random at seed time, so nothing in the source
 * (or in another installation) tells anyone how to sign in to this one.
 */

// No 0/O, 1/l/I: the password is read off a terminal and typed.
const passwordAlphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomDemoPassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < 4; group++) {
    // Bytes past the last whole multiple of the alphabet are skipped: every character equally likely.
    let text = '';
    while (text.length < 5) {
      const byte = randomBytes(1)[0]!;
      if (byte < Math.floor(256 / passwordAlphabet.length) * passwordAlphabet.length)
        text += passwordAlphabet[byte % passwordAlphabet.length];
    }
    groups.push(text);
  }
  return `demo-${groups.join('-')}`;
}

export function randomDemoCredentials(): DemoCredentials {
  const secrets = new Map<string, string>();
  return {
    password: randomDemoPassword(),
    totpSecret(username) {
      const known = secrets.get(username);
      if (known) return known;
      const secret = generateSecret();
      secrets.set(username, secret);
      return secret;
    },
  };
}

export function totpCodeOf(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}
