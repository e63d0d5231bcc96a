import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { seedDemo } from '../../demo/seed.js';
import { systemActor } from '../../platform/access/actor.js';
import { loadFeatures } from '../../server.js';
import { matrixReport } from '../service-matrix/service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, (await loadFeatures()).demoSeeders);
}, 600_000);
afterAll(async () => database?.drop());

describe('the referrals and matrix demo, built by the real use cases', () => {
  it('has referrals in every status but one, each the last entry of its log', async () => {
    const rows = await database.db
      .selectFrom('referrals')
      .innerJoin('referral_actions as last', (join) =>
        join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
      )
      .select('last.status_after')
      .execute();
    expect(new Set(rows.map((r) => r.status_after))).toEqual(
      new Set(['requested', 'in_progress', 'completed', 'declined', 'withdrawn']),
    );
  });

  it('J city: the rescue-station / welfare-home overlap, and 沙市区 alone without medical treatment', async () => {
    const report = await matrixReport(database.db, systemActor('test'), { division: '421000000000' });
    const shashi = report.counties.find((c) => c.code === '421002000000')!;
    expect(shashi.overlaps.find((o) => o.service === 'temporary_care')?.leaders.map((l) => l.kind)).toEqual(
      expect.arrayContaining(['rescue_station', 'child_welfare_home']),
    );
    const gapsOf = (service: string) => report.counties.filter((c) => c.gaps.some((g) => g.service === service));
    expect(gapsOf('medical_treatment').map((c) => c.name)).toEqual(['沙市区']);
  });
});
