import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { auditor, ids, seedAuditLog } from './fixtures.test-helper.js';
import { type AuditSearch, auditSearchSchema } from '../../contract/audit/audit.js';
import { searchAuditLog } from './service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedAuditLog(database.db);
});
afterAll(async () => database.drop());

const search = (query: Record<string, string>) =>
  searchAuditLog(database.db, auditor, auditSearchSchema.parse(query) as AuditSearch);
const actionsOf = async (query: Record<string, string>) =>
  (await search(query)).rows.map((row) => `${row.action}:${row.actorLabel.slice(0, 2)}`);

describe('searching the audit log', () => {
  it('answers "who opened this child’s file this month?", newest first', async () => {
    const result = await search({ childId: ids.childA, action: 'child.read', from: '2025-03-01', to: '2025-03-31' });
    expect(result.total).toBe(2);
    expect(result.rows.map((row) => row.actorLabel)).toEqual(['李娜 (荆州区公安分局)', '张伟 (沙市区民政局)']);
    expect(result.rows[0]).toMatchObject({
      actorUserId: ids.liUser,
      actorOrgId: ids.policeOrg,
      entityType: 'child',
      entityId: ids.childA,
      childId: ids.childA,
      outcome: 'ok',
      ip: '10.0.0.7',
      requestId: 'req-22222222',
      occurredAt: '2025-03-20T07:00:00.000Z',
    });
  });

  it('filters by person: user id, or text in the actor label', async () => {
    expect(await actionsOf({ userId: ids.liUser })).toEqual(['child.read:李娜', 'child.read:李娜']);
    expect((await search({ actor: '张伟', action: 'auth.' })).total).toBe(2);
    expect((await search({ actor: '公安分局' })).total).toBe(2);
    expect((await search({ actor: '沙市区' })).rows.map((row) => row.actorLabel)).toContain('=1+1 (沙市区民政局)');
  });

  it('treats LIKE wildcards in the text literally', async () => {
    expect((await search({ actor: '%' })).total).toBe(0);
    expect((await search({ actor: '_' })).total).toBe(0);
  });

  it('filters by organisation, entity and outcome', async () => {
    expect((await search({ organisationId: ids.policeOrg })).total).toBe(3);
    expect(await actionsOf({ entityType: 'case', entityId: '=1+1' })).toEqual(['case.update:=1']);
    expect(await actionsOf({ outcome: 'denied' })).toEqual(['auth.sign_in_failed:张伟']);
  });

  it('matches an action exactly or by prefix', async () => {
    expect((await search({ action: 'auth.sign_in' })).total).toBe(1);
    expect((await search({ action: 'auth.' })).total).toBe(2);
    expect((await search({ action: 'auth.*' })).total).toBe(2);
    expect((await search({ action: 'auth' })).total).toBe(0);
  });

  it('reads bare dates as whole days in China Standard Time', async () => {
    // Signed in at 00:30 on 1 March in China, which is still 28 February in UTC.
    expect((await search({ action: 'auth.sign_in', from: '2025-03-01', to: '2025-03-01' })).total).toBe(1);
    expect((await search({ action: 'auth.sign_in', to: '2025-02-28' })).total).toBe(0);
    expect((await search({ action: 'auth.sign_in', to: '2025-02-28T16:30:00Z' })).total).toBe(1);
    expect((await search({ action: 'auth.sign_in', from: '2025-02-28T16:30:00.001Z' })).total).toBe(0);
  });

  it('pages by 20 with a total, by page number or by keyset', async () => {
    const first = await search({ action: 'test.bulk' });
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]?.entityId).toBe('24');
    expect(first.nextBefore).toBe(first.rows[19]?.id);

    const byKey = await search({ action: 'test.bulk', before: first.nextBefore ?? '' });
    expect(byKey.rows.map((row) => row.entityId)).toEqual(['4', '3', '2', '1', '0']);
    expect(byKey).toMatchObject({ total: 25, page: null, nextBefore: null });

    const byPage = await search({ action: 'test.bulk', page: '2' });
    expect(byPage.rows.map((row) => row.id)).toEqual(byKey.rows.map((row) => row.id));
    expect((await search({ action: 'test.bulk', page: '3' })).rows).toEqual([]);
  });

  it('records each search as an audit entry of its own', async () => {
    await search({ childId: ids.childB, from: '2025-04-01' });
    const recorded = await search({ action: 'audit.search', userId: ids.auditorUser });
    const last = recorded.rows[0];
    expect(last).toMatchObject({
      action: 'audit.search',
      actorUserId: ids.auditorUser,
      actorLabel: auditor.label,
      entityType: 'audit_log',
    });
    expect(last?.details).toEqual({
      filter: { childId: ids.childB, from: '2025-04-01' },
      page: 1,
      returned: 1,
      total: 1,
    });
    expect(recorded.total).toBeGreaterThan(10);
  });

  it('leaves a valid hash chain', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
