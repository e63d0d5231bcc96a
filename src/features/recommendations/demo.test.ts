import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import type { TestDatabase } from '../../../test/support/database.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import '../incidents/tables.js';
import './tables.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 600_000);
afterAll(async () => database?.drop());

describe('the procuratorate demo, built by the real use cases', () => {
  it('a reply accepted within the month, one replied for review, and one past its month that escalates', async () => {
    const rows = await database.db
      .selectFrom('recommendations')
      .innerJoin('recommendation_actions as last', (join) =>
        join.onRef('last.recommendation_id', '=', 'recommendations.id').onRef('last.seq', '=', 'recommendations.seq'),
      )
      .innerJoin('organisations as addressee', 'addressee.id', 'recommendations.to_org_id')
      .select(['recommendations.id', 'last.status_after', 'addressee.name'])
      .orderBy('recommendations.created_at')
      .execute();
    expect(rows.map((r) => [r.name, r.status_after])).toEqual([
      ['沙市区岑河镇中心小学', 'closed'],
      ['沙市区岑河镇中心小学', 'issued'],
      ['沙市区岑河镇人民政府', 'replied'],
    ]);
    await clockEscalationSweep.run(database.db, new Date());
    const alerts = await database.db
      .selectFrom('alerts')
      .innerJoin('clocks', 'clocks.id', 'alerts.clock_id')
      .select(['clocks.subject_id', 'alerts.level'])
      .where('clocks.subject_type', '=', 'recommendation')
      .execute();
    expect(new Set(alerts.map((a) => a.subject_id))).toEqual(new Set([rows[1]!.id]));
    const incidents = await database.db.selectFrom('incidents').select(['child_role', 'case_id']).execute();
    expect(incidents).toEqual([expect.objectContaining({ child_role: 'victim', case_id: expect.any(String) })]);
  });
});
