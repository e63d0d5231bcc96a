import type { ColumnType } from 'kysely';

/** Present (one row) only in a database that holds the demo; its random password. */
export interface DemoInstallationTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  password: string;
  seeded_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Each demo account, with its authenticator secret when its role reads children's files. */
export interface DemoAccountsTable {
  username: string;
  totp_secret: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    demo_installation: DemoInstallationTable;
    demo_accounts: DemoAccountsTable;
  }
}
