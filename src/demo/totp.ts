import { createHash } from 'node:crypto';
import { generate, ScureBase32Plugin } from 'otplib';

/**
 * Demo accounts get a fixed authenticator secret derived from the username, printed with the demo
 * sign-ins, so anyone trying Haven (and the end-to-end tests) can produce codes. Real accounts
 * enrol their own random secret at first sign-in.
 */
export function demoTotpSecret(username: string): string {
  const bytes = createHash('sha256').update(`haven-demo-totp:${username}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes));
}

export function demoTotpCode(username: string, at = Date.now()): Promise<string> {
  return generate({ secret: demoTotpSecret(username), epoch: Math.floor(at / 1000) });
}
