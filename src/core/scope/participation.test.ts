import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { childInScope } from './child-scope.js';
import { endParticipation, fileAccessOf, grantParticipation } from './participation.js';

let database: TestDatabase;
let childId: string;
let otherChildId: string;
let organisationId: string;
let otherOrganisationId: string;

// A social-work organisation: it sees no child by place, only the children it works with.
const socialWorker = (organisation: string): Actor => ({
  kind: 'user',
  userId: null,
  organisationId: organisation,
  label: 'social worker',
  roles: ['social_worker'],
  permissions: new Set(['children.read']),
  jurisdiction: ['421000000000'],
  childJurisdiction: [],
  locale: 'zh-CN',
  ip: null,
  requestId: null,
});
const worker = () => socialWorker(organisationId);

async function visibleChildren(actor: Actor): Promise<string[]> {
  const rows = await database.db.selectFrom('children').select('id').where(childInScope(actor)).execute();
  return rows.map((row) => row.id).sort();
}

/** Whether the actor sees the child, asked of one child (the probe) and of the list (the EXISTS); both must agree. */
async function sees(actor: Actor, id: string): Promise<boolean> {
  const one = await database.db
    .selectFrom('children')
    .select('id')
    .where('id', '=', id)
    .where(childInScope(actor, { oneChild: true }))
    .execute();
  const listed = (await visibleChildren(actor)).includes(id);
  expect(one.length === 1).toBe(listed);
  return listed;
}

async function change(fn: (trx: Transaction<Database>) => Promise<unknown>) {
  await database.db.transaction().execute(fn);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const organisation = async (name: string) =>
    (
      await database.db
        .insertInto('organisations')
        .values({ name, kind: 'social_work', division_code: '421000000000' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  organisationId = await organisation('童心社工');
  otherOrganisationId = await organisation('阳光社工');
  const child = async (name: string) =>
    (
      await sql<{ id: string }>`
        INSERT INTO children (name, residence_code, hukou_code, name_grams, pinyin_text)
        VALUES (${name}, '421002101201', '421002101201', '{}', '') RETURNING id`.execute(database.db)
    ).rows[0]!.id;
  childId = await child('小明');
  otherChildId = await child('小红');
});
afterAll(async () => database.drop());

describe('participation: the only writer of child_participations', () => {
  it('grants the organisation scope over the child, and ending the basis takes it away', async () => {
    expect(await visibleChildren(worker())).toEqual([]);
    await change((trx) =>
      grantParticipation(trx, { childId, organisationId, basis: 'referral', basisId: 'referral-1' }),
    );
    expect(await visibleChildren(worker())).toEqual([childId]);
    // Another organisation gains nothing from this grant.
    expect(await visibleChildren(socialWorker(otherOrganisationId))).toEqual([]);

    await change((trx) => endParticipation(trx, { basis: 'referral', basisId: 'referral-1' }));
    expect(await visibleChildren(worker())).toEqual([]);
  });

  it('keeps the access of a second basis when the first one ends', async () => {
    await change(async (trx) => {
      await grantParticipation(trx, { childId: otherChildId, organisationId, basis: 'case', basisId: 'case-1' });
      await grantParticipation(trx, {
        childId: otherChildId,
        organisationId,
        basis: 'placement',
        basisId: 'placement-1',
      });
    });
    await change((trx) => endParticipation(trx, { basis: 'case', basisId: 'case-1' }));
    expect(await visibleChildren(worker())).toEqual([otherChildId]);

    await change((trx) => endParticipation(trx, { basis: 'placement', basisId: 'placement-1' }));
    expect(await visibleChildren(worker())).toEqual([]);
  });

  it("ends one organisation's grant on a basis and leaves the others'", async () => {
    const other = socialWorker(otherOrganisationId);
    await change(async (trx) => {
      for (const organisation of [organisationId, otherOrganisationId])
        await grantParticipation(trx, { childId, organisationId: organisation, basis: 'case', basisId: 'case-2' });
    });
    await change((trx) => endParticipation(trx, { basis: 'case', basisId: 'case-2', organisationId }));
    expect(await visibleChildren(worker())).toEqual([]);
    expect(await visibleChildren(other)).toEqual([childId]);
    await change((trx) => endParticipation(trx, { basis: 'case', basisId: 'case-2' }));
    expect(await visibleChildren(other)).toEqual([]);
  });

  it('grants once per basis however often it is asked, and records what the grant covers', async () => {
    await change(async (trx) => {
      for (let i = 0; i < 3; i += 1)
        await grantParticipation(trx, {
          childId,
          organisationId,
          basis: 'project',
          basisId: 'project-1',
          fields: ['name', 'residence'],
        });
    });
    const rows = await database.db
      .selectFrom('child_participations')
      .select(['fields', 'ended_at'])
      .where('basis', '=', 'project')
      .where('basis_id', '=', 'project-1')
      .execute();
    expect(rows).toEqual([{ fields: ['name', 'residence'], ended_at: null }]);
    // A basis that ended can be granted again: a new row, the old one stays as history.
    await change((trx) => endParticipation(trx, { basis: 'project', basisId: 'project-1' }));
    await change((trx) => grantParticipation(trx, { childId, organisationId, basis: 'project', basisId: 'project-1' }));
    expect(await visibleChildren(worker())).toEqual([childId]);
    const count = await database.db
      .selectFrom('child_participations')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('basis_id', '=', 'project-1')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('two grants on one basis at the same moment leave one active row (the unique index of 0028)', async () => {
    const grant = () =>
      change((trx) =>
        grantParticipation(trx, {
          childId,
          organisationId,
          basis: 'referral',
          basisId: 'race-1',
          fields: ['identity'],
        }),
      );
    await Promise.all([grant(), grant(), grant(), grant()]);
    const rows = await database.db
      .selectFrom('child_participations')
      .select('id')
      .where('basis_id', '=', 'race-1')
      .where('ended_at', 'is', null)
      .execute();
    expect(rows).toHaveLength(1);
    await change((trx) => endParticipation(trx, { basis: 'referral', basisId: 'race-1' }));
  });

  it('what of the file an organisation may read: the parts of its grants, the whole file by place or by a grant without fields', async () => {
    expect(await fileAccessOf(database.db, worker(), otherChildId)).toEqual(new Set());
    await change(async (trx) => {
      await grantParticipation(trx, {
        childId: otherChildId,
        organisationId,
        basis: 'referral',
        basisId: 'parts-1',
        fields: ['identity', 'assessment'],
      });
      await grantParticipation(trx, {
        childId: otherChildId,
        organisationId,
        basis: 'referral',
        basisId: 'parts-2',
        fields: ['identity', 'family'],
      });
    });
    expect(await fileAccessOf(database.db, worker(), otherChildId)).toEqual(
      new Set(['identity', 'assessment', 'family']),
    );
    // Another organisation's grant gives this one nothing.
    expect(await fileAccessOf(database.db, socialWorker(otherOrganisationId), otherChildId)).toEqual(new Set());
    await change((trx) =>
      grantParticipation(trx, { childId: otherChildId, organisationId, basis: 'case', basisId: 'whole-1' }),
    );
    expect(await fileAccessOf(database.db, worker(), otherChildId)).toBe('whole');
    await change(async (trx) => {
      for (const basisId of ['parts-1', 'parts-2']) await endParticipation(trx, { basis: 'referral', basisId });
      await endParticipation(trx, { basis: 'case', basisId: 'whole-1' });
    });
    // A government body sees the child by place: the whole file.
    const township = { ...worker(), childJurisdiction: ['421002101000'] };
    expect(await fileAccessOf(database.db, township, otherChildId)).toBe('whole');
  });
});

describe("a single child's read probes the organisation's grants for that child (oneChild)", () => {
  it('sees a child outside the place only through an open grant of its own organisation', async () => {
    const { db } = database;
    const outsider = await sql<{ id: string }>`
      INSERT INTO children (name, residence_code, hukou_code, name_grams, pinyin_text)
      VALUES ('小刚', '421003101201', NULL, '{}', '') RETURNING id`.execute(db);
    const id = outsider.rows[0]!.id;
    const villageDirector = { ...worker(), childJurisdiction: ['421002101201'] };
    const other = { ...socialWorker(otherOrganisationId), childJurisdiction: ['421002101201'] };
    // Outside the place, no grant: not seen; in the place: seen without one.
    expect(await sees(villageDirector, id)).toBe(false);
    expect(await sees(villageDirector, childId)).toBe(true);
    expect(await sees({ ...villageDirector, organisationId: null }, id)).toBe(false);
    // Another organisation's grant gives this one nothing.
    await change((trx) =>
      grantParticipation(trx, { childId: id, organisationId: otherOrganisationId, basis: 'case', basisId: 'probe-1' }),
    );
    expect(await sees(villageDirector, id)).toBe(false);
    expect(await sees(other, id)).toBe(true);
    // Its own open grant: seen; a grant of only some parts counts as well.
    await change((trx) =>
      grantParticipation(trx, {
        childId: id,
        organisationId,
        basis: 'referral',
        basisId: 'probe-2',
        fields: ['identity'],
      }),
    );
    expect(await sees(villageDirector, id)).toBe(true);
    // The grant ended: not seen again, and the ended row stays as history.
    await change((trx) => endParticipation(trx, { basis: 'referral', basisId: 'probe-2' }));
    expect(await sees(villageDirector, id)).toBe(false);
    expect(await sees(other, id)).toBe(true);
    await change((trx) => endParticipation(trx, { basis: 'case', basisId: 'probe-1' }));
    expect(await sees(other, id)).toBe(false);
    // A child that does not exist is seen by no one.
    expect(await sees(villageDirector, crypto.randomUUID())).toBe(false);
  });

  it("plans an index probe, never a hash of the organisation's grants, even in a generic plan", async () => {
    const { db } = database;
    const compiled = db
      .selectFrom('children')
      .select('id')
      .where('id', '=', childId)
      .where(childInScope({ ...worker(), childJurisdiction: ['421003000000'] }, { oneChild: true }))
      .compile();
    const plan = await db.connection().execute(async (connection) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(connection);
      const types = compiled.parameters.map(() => 'unknown').join(', ');
      await sql.raw(`PREPARE probe_read (${types}) AS ${compiled.sql}`).execute(connection);
      const values = compiled.parameters.map((value) => `'${String(value)}'`).join(', ');
      const explained = await sql
        .raw<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE probe_read (${values})`)
        .execute(connection);
      await sql`DEALLOCATE probe_read`.execute(connection);
      await sql`RESET plan_cache_mode`.execute(connection);
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('child_participations');
    expect(plan).not.toMatch(/hashed SubPlan/i);
  });
});
