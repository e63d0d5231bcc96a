import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { idempotencyExpirySweep } from './platform-sweeps.js';
import { registerSweep, runSweeps } from './sweeps.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  registerSweep(idempotencyExpirySweep);
});
afterAll(async () => database.drop());

describe('sweeps as of a given time', () => {
  it('expire idempotency keys only once they are a week old at that time', async () => {
    await database.db
      .insertInto('idempotency_keys')
      .values({ key: 'k', actor_key: 'a', request_hash: 'h', response: null, created_at: '2026-03-01T00:00:00Z' })
      .execute();
    const early = await runSweeps(database.db, new Date('2026-03-05T00:00:00Z'));
    expect(early).not.toBe('busy');
    expect(early === 'busy' ? undefined : early.find((r) => r.sweep === idempotencyExpirySweep.name)?.outcome).toEqual({
      expired: 0,
    });
    const late = await runSweeps(database.db, new Date('2026-03-09T00:00:00Z'));
    expect(late === 'busy' ? undefined : late.find((r) => r.sweep === idempotencyExpirySweep.name)?.outcome).toEqual({
      expired: 1,
    });
    const runs = await database.db
      .selectFrom('sweep_runs')
      .selectAll()
      .where('sweep', '=', idempotencyExpirySweep.name)
      .execute();
    expect(runs.map((r) => new Date(r.as_of).toISOString())).toEqual([
      '2026-03-05T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
    ]);
  });
});
