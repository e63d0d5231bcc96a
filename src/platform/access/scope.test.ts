import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { findChildInScope, listChildrenInScope } from '../../features/registry/store.js';
import type { Actor } from './actor.js';
import { childVisibleTo } from './scope.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

// A small slice of 荆州市 so random draws often share ancestors: two counties × two townships × two villages.
const villages = ['421002001001', '421002001002', '421002002001', '421002002002', '421003001001', '421003001002', '421003002001', '421003002002'];
const areas = ['421000000000', '421002000000', '421003000000', '421002001000', '421002002000', '421003001000', '421003002000', ...villages, '420500000000'];

const world = fc.record({
  organisations: fc.array(fc.constantFrom(...areas), { minLength: 1, maxLength: 4 }),
  children: fc.array(fc.record({ residence: fc.constantFrom(...villages), hukou: fc.option(fc.constantFrom(...villages), { nil: null }) }), { minLength: 1, maxLength: 12 }),
  participations: fc.array(fc.record({ org: fc.nat(), child: fc.nat(), ended: fc.boolean() }), { maxLength: 8 }),
  actors: fc.array(fc.record({ org: fc.nat(), jurisdiction: fc.constantFrom(...areas) }), { minLength: 1, maxLength: 4 }),
});

function actorOf(organisationId: string, jurisdiction: string): Actor {
  return { kind: 'user', userId: null, organisationId, label: 'prop', roles: [], permissions: new Set(['children.read']), jurisdiction: [jurisdiction], locale: 'zh-CN', ip: null, requestId: null };
}

describe('the read scope (invariant 2)', () => {
  it('gives the same answer for a single read, a list and the reference rule, for random worlds', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { db } = database;
        await db.deleteFrom('child_participations').execute();
        await db.deleteFrom('children').execute();
        await db.deleteFrom('organisations').execute();
        const orgIds = [];
        for (const division of w.organisations) {
          orgIds.push((await db.insertInto('organisations').values({ name: 'org', kind: 'social_work_organisation', division_code: division }).returning('id').executeTakeFirstOrThrow()).id);
        }
        const children = [];
        for (const child of w.children) {
          const row = await db.insertInto('children').values({ name: '儿童', residence_code: child.residence, hukou_code: child.hukou }).returning('id').executeTakeFirstOrThrow();
          children.push({ id: row.id, residenceCode: child.residence, hukouCode: child.hukou, participatingOrganisations: [] as string[] });
        }
        for (const p of w.participations) {
          const org = orgIds[p.org % orgIds.length]!;
          const child = children[p.child % children.length]!;
          await db.insertInto('child_participations').values({ child_id: child.id, organisation_id: org, basis: 'test', ended_at: p.ended ? new Date() : null }).execute();
          if (!p.ended) child.participatingOrganisations.push(org);
        }
        for (const a of w.actors) {
          const actor = actorOf(orgIds[a.org % orgIds.length]!, a.jurisdiction);
          const listed = new Set((await listChildrenInScope(db, actor, { page: 1, pageSize: 1000 })).rows.map((r) => r.id));
          for (const child of children) {
            const single = (await findChildInScope(db, actor, child.id)) !== undefined;
            const expected = childVisibleTo(actor, child);
            expect(single).toBe(expected);
            expect(listed.has(child.id)).toBe(expected);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
