import { generateSecret, generateURI, verify } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ secret, label: account, issuer: 'Haven' });
}

/**
 * Checks a 6-digit code, allowing one 30-second step of clock drift either way, and refuses a
 * code from a step already used (a replayed code). otplib 13 answers `{ valid }`, not a boolean.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<{ valid: boolean; step?: number }> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  if (!result.valid) return { valid: false };
  const step = 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : undefined;
  if (step !== undefined && lastStep !== null && step <= lastStep) return { valid: false };
  return { valid: true, step };
}
