import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationStatuses } from '../../contract/benefits/vocabulary.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server.close());

/**
 * The county of the demo's year of history (src/demo/jingzhou-history-benefits.ts: a run every month),
 * left out here: these tests are about the applications and the three runs of the benefits demos.
 */
async function historyCounty(): Promise<string> {
  const row = await server.database.db
    .selectFrom('benefit_payment_runs')
    .select('division_code')
    .groupBy('division_code')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .executeTakeFirstOrThrow();
  return row.division_code.slice(0, 6);
}

describe('the demo holds benefit applications in every state', () => {
  it('built by the real actions: every status, a late refusal, an ended benefit of an adopted child', async () => {
    const db = server.database.db;
    const rows = await db.selectFrom('benefit_applications').select(['status', 'child_id']).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(applicationStatuses));
    const late = await db
      .selectFrom('benefit_application_actions')
      .select('type')
      .where('type', '=', 'refuse')
      .where(({ eb, ref }) => eb(ref('payload', '->>').key('late'), '=', 'true'))
      .execute();
    expect(late).toHaveLength(1);
    const exits = await db
      .selectFrom('child_exits as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .select(['e.reason'])
      .where('c.residence_code', 'not like', `${await historyCounty()}%`)
      .execute();
    expect(exits).toEqual([{ reason: 'adoption_in_province' }, { reason: 'adoption_in_province' }]);
  });

  it('three months of payment runs of a county, each explaining its changes from the last', async () => {
    const db = server.database.db;
    const runs = await db
      .selectFrom('benefit_payment_runs')
      .select(['id', 'month', 'line_count'])
      .where('division_code', 'not like', `${await historyCounty()}%`)
      .orderBy('month')
      .execute();
    expect(runs).toHaveLength(3);
    const changes = await db.selectFrom('benefit_payment_changes').select(['run_id', 'change', 'reason']).execute();
    const of = (runId: string) => changes.filter((c) => c.run_id === runId).map((c) => `${c.change}:${c.reason}`);
    expect(of(runs[1]!.id)).toEqual(expect.arrayContaining(['new:approved']));
    expect(of(runs[2]!.id)).toEqual(expect.arrayContaining(['ended:exit']));
    const topUp = await db
      .selectFrom('benefit_payment_lines')
      .select('offset_fen')
      .where('run_id', '=', runs[2]!.id)
      .where('offset_fen', '>', 0)
      .execute();
    expect(topUp.length).toBeGreaterThan(0);
    // Children of 低保 and 特困 households are paid the child add-on in the runs.
    const addOn = await db
      .selectFrom('benefit_payment_lines as l')
      .innerJoin('benefit_applications as a', 'a.id', 'l.application_id')
      .innerJoin('children as c', 'c.id', 'a.child_id')
      .select(['l.run_id', 'c.household_benefits'])
      .where('a.benefit_type', '=', 'local.dibao_child_addon')
      .execute();
    const households = (runId: string) => addOn.filter((l) => l.run_id === runId).flatMap((l) => l.household_benefits);
    expect(households(runs[0]!.id)).toContain('dibao');
    expect(households(runs[2]!.id)).toEqual(expect.arrayContaining(['dibao', 'tekun']));
  });
});
