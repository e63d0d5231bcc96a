import { hash, verify } from '@node-rs/argon2';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline for interactive logins.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random string: signing in as an unknown user costs the same time as a known one.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('haven-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

const commonChinesePasswords = [
  'woaini1314',
  '5201314',
  'a123456',
  'qq123456',
  'woaini520',
  'aini1314',
  'zhang123',
  'wang123456',
  'abc123456',
  '1qaz2wsx',
  'iloveyou',
  'haven123',
];

export type PasswordProblem = 'password.too_short' | 'password.contains_identity' | 'password.common';

/** Length, not the user's name or phone, not a common or easily guessed password. */
export function passwordProblems(
  password: string,
  identity: { username: string; displayName: string; phone?: string | null },
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < 10) problems.push('password.too_short');
  const lowered = password.toLowerCase();
  const personal = [identity.username, identity.displayName, identity.phone ?? '']
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length >= 3);
  if (personal.some((value) => lowered.includes(value))) problems.push('password.contains_identity');
  const guessable = zxcvbn(password, personal).score < 3;
  if (guessable || commonChinesePasswords.some((c) => lowered.includes(c))) problems.push('password.common');
  return problems;
}
