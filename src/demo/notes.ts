import { demoPeople } from './jingzhou-people.js';
import type { DemoAccount } from './store.js';

export const demoCredentialsCommand = 'npm run haven -- demo credentials';

export const demoStoredNote = `This database holds the demo. Its sign-ins (random for this installation): ${demoCredentialsCommand}`;

/** The sign-ins of a freshly seeded (or re-keyed) demo, shown once when Haven starts. */
export function demoSignInNotes(password: string, accounts: readonly DemoAccount[]): string[] {
  if (accounts.length === 0) return [demoStoredNote];
  return [
    `Password of every demo account (random, this installation only): ${password}`,
    `Accounts that read children's files also need an authenticator code: add the secret below to an authenticator app, or run: npm run haven -- demo totp <username>`,
    `Shown once; later: ${demoCredentialsCommand}`,
    ...accounts.map((account) => {
      const person = demoPeople.find((p) => p.username === account.username);
      const who = person ? `${person.role.padEnd(22)} ${person.name}` : '';
      return `${account.username.padEnd(18)} ${who}${account.totpSecret ? `  TOTP ${account.totpSecret}` : ''}`;
    }),
  ];
}
