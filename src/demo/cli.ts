import type { Command } from 'commander';
import { demoPeople } from './jingzhou-people.js';
import { demoTotpCode } from './totp.js';

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('helpers for the demo data');
  demo
    .command('totp <username>')
    .description("print the current authenticator code of a demo account (demo accounts only)")
    .action(async (username: string) => {
      if (!demoPeople.some((p) => p.username === username)) throw new Error(`${username} is not a demo account; real accounts use their own authenticator.`);
      console.log(await demoTotpCode(username));
    });
}
