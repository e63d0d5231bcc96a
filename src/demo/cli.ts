import type { Command } from 'commander';
import { withDatabase } from '../platform/cli/with-database.js';
import { removeDemoAccounts } from './accounts.js';
import { totpCodeOf } from './credentials.js';
import { demoSignInNotes } from './notes.js';
import { readDemoCredentials } from './store.js';

const notADemo =
  'This database is not marked as a demo: it has no demo sign-ins. (`npm start` seeds the demo on the embedded database; `haven serve --demo` or `haven seed --demo` elsewhere.)';

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description("the demo data's sign-ins (random for each installation)");
  demo
    .command('credentials')
    .description("print this installation's demo password and authenticator secrets")
    .option('--json', 'as JSON: { password, accounts: [{ username, totpSecret }] }')
    .action((options: { json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const stored = await readDemoCredentials(db);
        if (!stored) throw new Error(notADemo);
        if (options.json)
          console.log(JSON.stringify({ password: stored.password, accounts: stored.accounts }, null, 2));
        else console.log(demoSignInNotes(stored.password, stored.accounts).join('\n'));
      }),
    );
  demo
    .command('totp <username>')
    .description('print the current authenticator code of a demo account (demo accounts only)')
    .action((username: string) =>
      withDatabase(async ({ db }) => {
        const stored = await readDemoCredentials(db);
        if (!stored) throw new Error(notADemo);
        const account = stored.accounts.find((a) => a.username === username);
        if (!account) throw new Error(`${username} is not a demo account; real accounts use their own authenticator.`);
        if (!account.totpSecret)
          throw new Error(`${username} signs in with the password alone; it has no authenticator.`);
        console.log(await totpCodeOf(account.totpSecret));
      }),
    );
  demo
    .command('remove-accounts')
    .description(
      'disable the demo accounts (unusable password, no authenticator, sessions ended); their history is kept',
    )
    .action(() =>
      withDatabase(async ({ db }) => {
        const removed = await removeDemoAccounts(db);
        console.log(
          removed.length > 0
            ? `Disabled ${removed.length} demo account(s): ${removed.join(', ')}.`
            : 'There are no demo accounts in use.',
        );
      }),
    );
}
