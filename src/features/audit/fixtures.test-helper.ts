import type { Kysely } from 'kysely';
import { vi } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';

export const ids = {
  zhangUser: '11111111-1111-4111-8111-111111111111',
  liUser: '22222222-2222-4222-8222-222222222222',
  auditorUser: '33333333-3333-4333-8333-333333333333',
  shashiOrg: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  policeOrg: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  childA: 'c0000000-0000-4000-8000-00000000000a',
  childB: 'c0000000-0000-4000-8000-00000000000b',
};

export function userActor(userId: string, organisationId: string, label: string, permissions: string[] = []): Actor {
  return {
    kind: 'user',
    userId,
    organisationId,
    label,
    roles: [],
    permissions: new Set(permissions),
    jurisdiction: ['421000000000'],
    locale: 'zh-CN',
    ip: '10.0.0.7',
    requestId: `req-${userId.slice(0, 8)}`,
  };
}

export const zhang = userActor(ids.zhangUser, ids.shashiOrg, '张伟 (沙市区民政局)');
export const li = userActor(ids.liUser, ids.policeOrg, '李娜 (荆州区公安分局)');
// Display names are typed by people, so a label can look like a spreadsheet formula.
export const mallory = userActor('44444444-4444-4444-8444-444444444444', ids.policeOrg, '=1+1 (沙市区民政局)');
export const auditor = userActor(ids.auditorUser, ids.shashiOrg, '审计员 (荆州市民政局)', [
  'audit.read',
  'audit.export',
]);

const seed: [at: string, actor: Actor, entry: AuditEntry][] = [
  ['2025-02-27T09:00:00+08:00', zhang, { action: 'auth.sign_in_failed', outcome: 'denied' }],
  ['2025-03-01T00:30:00+08:00', zhang, { action: 'auth.sign_in' }],
  [
    '2025-03-03T09:00:00+08:00',
    zhang,
    { action: 'child.read', entityType: 'child', entityId: ids.childA, childId: ids.childA },
  ],
  [
    '2025-03-15T11:00:00+08:00',
    mallory,
    { action: 'case.update', entityType: 'case', entityId: '=1+1', details: { note: '=1+1', n: 3 } },
  ],
  [
    '2025-03-20T15:00:00+08:00',
    li,
    { action: 'child.read', entityType: 'child', entityId: ids.childA, childId: ids.childA },
  ],
  [
    '2025-04-02T10:00:00+08:00',
    li,
    { action: 'child.read', entityType: 'child', entityId: ids.childB, childId: ids.childB },
  ],
];

/** Writes the fixture entries through the real chain, each at its own (faked) time. */
export async function seedAuditLog(db: Kysely<Database>, bulk = 25): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (let i = 0; i < bulk; i += 1) {
      vi.setSystemTime(new Date(Date.UTC(2025, 0, 1, 0, i)));
      await recordAudit(db, zhang, { action: 'test.bulk', entityType: 'thing', entityId: String(i) });
    }
    for (const [at, actor, entry] of seed) {
      vi.setSystemTime(new Date(at));
      await recordAudit(db, actor, entry);
    }
  } finally {
    vi.useRealTimers();
  }
}
