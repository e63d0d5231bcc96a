import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationStatuses } from '../../contract/benefits/vocabulary.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server.close());

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
    const exits = await db.selectFrom('child_exits').select(['reason']).execute();
    expect(exits).toEqual([{ reason: 'adoption_in_province' }]);
  });
});
