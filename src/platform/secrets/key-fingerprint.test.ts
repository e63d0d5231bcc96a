import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { installationKey, useInstallationKey } from './installation-key.js';
import { assertInstallationKeyMatches, InstallationKeyMismatchError } from './key-fingerprint.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('starting with the installation key the database was written with', () => {
  it('records the key on first start, accepts it again, and refuses another one', async () => {
    await assertInstallationKeyMatches(database.db);
    await assertInstallationKeyMatches(database.db);
    const right = installationKey();
    useInstallationKey(Buffer.alloc(32, 3));
    try {
      const error = await assertInstallationKeyMatches(database.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InstallationKeyMismatchError);
      expect((error as Error).message).toMatch(
        /written with another installation key .*HAVEN_SECRET_KEY, or the installation\.key file/,
      );
    } finally {
      useInstallationKey(right);
    }
  });
});
