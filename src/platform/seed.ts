import type { UnitOfWork } from './db/unit-of-work.js';

/*
 * The contract between features and the demo (src/demo): each feature contributes a seeder; the
 * demo runs them (`seedDemo`, src/demo/seed.ts). Only types here, so features need not reach the demo.
 */

/** The demo's sign-in secrets for one installation. */
export interface DemoCredentials {
  readonly password: string;
  /** The same username gives the same secret within one set of credentials. */
  totpSecret(username: string): string;
}

/** An account the demo made, with its authenticator secret. */
export interface DemoAccount {
  username: string;
  /** Null for roles that sign in with the password alone. */
  totpSecret: string | null;
}

/** What every demo seeder shares: this installation's credentials, and the accounts made so far. */
export interface DemoSeedContext {
  credentials: DemoCredentials;
  /** Each seeder adds the accounts it creates; they are stored with the demo's mark. */
  accounts: DemoAccount[];
}

/** A feature's part of the demo; runs in order, each through the unit of work like any change. */
export interface DemoSeeder {
  name: string;
  seed(uow: UnitOfWork, log: (line: string) => void, context: DemoSeedContext): Promise<void>;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** Lines worth showing the person who started Haven (e.g. demo sign-ins). */
  notes: string[];
}
