import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { ancestorCodes } from '../../core/places.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { assembleFile, presentFile } from './child-file.js';
import { fileInScope } from './file-store.js';
import type { MemberInput } from '../../contract/registry/child.js';

let server: TestServer;
let make: Factories;
// The people and children this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const children = new Map<string, string>();
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // The first file has a family whose situations propose categories; others with and without families.
  const family: MemberInput[] = [
    { relation: 'father', name: '王建国', situations: [{ kind: 'deceased' }] },
    { relation: 'mother', name: '刘秀兰', isGuardian: true, situations: [{ kind: 'imprisoned' }] },
  ];
  children.set('王梓涵', (await make.child({ name: '王梓涵', residenceCode: places.shakou, family })).id);
  children.set('黄俊', (await make.child({ name: '黄俊', residenceCode: places.heyi })).id);
  for (const residenceCode of [places.chenlong, places.shakou, places.chenlong, places.nongli, places.chenlong]) {
    const child = await make.child({ residenceCode });
    await make.familyMember(child, { relation: 'grandmother' });
  }
  for (const residenceCode of [places.chenlong, places.shakou, places.heyi]) await make.child({ residenceCode });
  await make.cast('officer.shashi');
});
afterAll(async () => server.close());

const childId = async (name: string) => {
  const id = children.get(name);
  if (!id) throw new Error(`no child ${name} in this file`);
  return id;
};

describe("a child's file read in one query", () => {
  it('shows exactly what the file assembled piece by piece shows, merged files and decisions included', async () => {
    const db = server.database.db;
    const today = shanghaiDateOf(new Date());
    const actor = systemActor('test');
    // A survivor with a file merged into it, a category decided by a person and a household registration elsewhere.
    const [survivor, merged] = await db
      .selectFrom('children')
      .select(['id'])
      .where('status', '=', 'active')
      .orderBy('file_no')
      .limit(2)
      .execute();
    const decider = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'officer.shashi')
      .executeTakeFirstOrThrow();
    await sql`UPDATE children SET merged_into = ${survivor!.id}, status = 'merged' WHERE id = ${merged!.id}`.execute(
      db,
    );
    const village = (
      await db
        .selectFrom('divisions')
        .select('code')
        .where('level', '=', 'village')
        .where('code', 'like', '4201%')
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    await sql`UPDATE children SET hukou_code = ${village} WHERE id = ${survivor!.id}`.execute(db);
    await sql`UPDATE child_categories SET decided_by = ${decider.id}, decided_at = now() WHERE child_id = ${survivor!.id}`.execute(
      db,
    );
    // Rule sets nationwide, of the survivor's county and village, of another county, one not yet valid:
    // the file reads only the scopes that contain the residence (migration 0198), and resolves the same.
    const residence = (
      await db.selectFrom('children').select('residence_code').where('id', '=', survivor!.id).executeTakeFirstOrThrow()
    ).residence_code;
    const threshold = (months: number) => sql`${JSON.stringify({ registry: { qualifyingMonths: months } })}::jsonb`;
    for (const [scope, version, validFrom] of [
      ['000000000000', 901, '2020-01-01'],
      [`${residence.slice(0, 6)}000000`, 902, '2020-01-01'],
      [residence, 903, '2020-01-01'],
      ['420102000000', 904, '2020-01-01'],
      [`${residence.slice(0, 6)}000000`, 905, '2999-01-01'],
    ] as const)
      await sql`INSERT INTO rule_sets (scope_code, version, valid_from, rules) VALUES (${scope}, ${version}, ${validFrom}, ${threshold(version - 890)})`.execute(
        db,
      );
    const sample = await db.selectFrom('children').select('id').orderBy(sql`md5(id::text)`).limit(40).execute();
    for (const id of [survivor!.id, merged!.id, ...sample.map((s) => s.id)]) {
      const parts = await fileInScope(db, actor, id, today);
      const row = await db.selectFrom('children').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(parts!.ruleSet.version).toBe((await ruleSetFor(db, row.residence_code, today)).version);
      for (const unmasked of [true, false])
        expect(presentFile(actor, parts!, unmasked, today)).toEqual(
          await assembleFile(db, actor, row, unmasked, today),
        );
    }
    const survivorFile = presentFile(actor, (await fileInScope(db, actor, survivor!.id, today))!, false, today);
    expect(survivorFile.mergedFiles.map((m) => m.id)).toEqual([merged!.id]);
    expect(survivorFile.hukou?.path.map((p) => p.code)).toEqual([...ancestorCodes(village), village]);
    const survivorRules = (await fileInScope(db, actor, survivor!.id, today))!.ruleSet.version;
    expect(survivorRules).toBe(`000000000000@901+${residence.slice(0, 6)}000000@902+${residence}@903`);
  });

  it('finds nothing outside the actor’s scope', async () => {
    const db = server.database.db;
    const county: Actor = {
      ...systemActor('test'),
      kind: 'user',
      organisationId: null,
      jurisdiction: ['421002000000'],
      childJurisdiction: ['421002000000'],
    };
    const today = shanghaiDateOf(new Date());
    expect(await fileInScope(db, county, await childId('王梓涵'), today)).toBeDefined();
    expect(await fileInScope(db, county, await childId('黄俊'), today)).toBeUndefined();
  });
});

describe('audited reads under concurrency', () => {
  it('leaves exactly one committed audit entry per concurrent read, and the chain verifies', async () => {
    const officer = await signInAs(server.url, 'officer.shashi');
    const director = await signInAs(server.url, 'director.chenlong');
    const ids = (
      await server.database.db
        .selectFrom('children')
        .select('id')
        .where('residence_code', 'like', '421002%')
        .where('status', '=', 'active')
        .limit(30)
        .execute()
    ).map((r) => r.id);
    const responses = await Promise.all([
      ...ids.map((id) => officer.request('GET', `/api/children/${id}`)),
      ...ids.map((id) => director.request('GET', `/api/children/${id}`)),
    ]);
    const requestIds = responses.map((r) => r.headers.get('x-request-id')!);
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['request_id', 'action', 'outcome', 'child_id'])
      .where('request_id', 'in', requestIds)
      .execute();
    expect(entries).toHaveLength(responses.length);
    for (const [i, response] of responses.entries()) {
      const entry = entries.find((e) => e.request_id === requestIds[i]);
      // The director sees only the village's children: the others are refused, and audited as such.
      expect(entry).toMatchObject(
        response.status === 200
          ? { action: 'children.read', outcome: 'ok' }
          : { action: 'children.read', outcome: 'denied', child_id: null },
      );
    }
    expect(await verifyAuditChain(server.database.db)).toMatchObject({ ok: true });
  });

  it('answers a read only after its entry is in the chain, and a read refused by scope with no part of the file', async () => {
    const db = server.database.db;
    const director = await signInAs(server.url, 'director.chenlong');
    const inVillage = await db
      .selectFrom('children')
      .select(['id', 'name'])
      .where('residence_code', '=', places.chenlong)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const outside = await childId('王梓涵');
    const seen = await director.request('GET', `/api/children/${inVillage.id}`);
    expect(seen.status).toBe(200);
    const refused = await director.request('GET', `/api/children/${outside}`);
    expect(refused.status).toBe(404);
    const body = await refused.text();
    for (const part of ['王梓涵', '王建国', '刘秀兰', places.shakou]) expect(body).not.toContain(part);
    // Both entries were committed when the answers came: read at once, no waiting.
    const entries = await db
      .selectFrom('audit_log')
      .select(['request_id', 'action', 'outcome', 'entity_id', 'child_id', 'details'])
      .where('request_id', 'in', [seen.headers.get('x-request-id')!, refused.headers.get('x-request-id')!])
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'children.read',
        outcome: 'ok',
        entity_id: inVillage.id,
        child_id: inVillage.id,
      }),
      expect.objectContaining({
        action: 'children.read',
        outcome: 'denied',
        entity_id: outside,
        child_id: null,
        details: { reason: 'not_found_or_out_of_scope' },
      }),
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('fails a read whose audit entry cannot be committed, showing nothing of the file', async () => {
    const db = server.database.db;
    const id = await childId('王梓涵');
    const officer = await signInAs(server.url, 'officer.shashi');
    await sql`
      CREATE FUNCTION refuse_reads() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action LIKE 'children.read%' THEN RAISE EXCEPTION 'audit unavailable'; END IF; RETURN NEW; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER refuse_reads BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_reads()`.execute(
      db,
    );
    try {
      const responses = await Promise.all([1, 2, 3].map(() => officer.request('GET', `/api/children/${id}`)));
      for (const response of responses) {
        expect(response.status).toBe(500);
        expect(await response.text()).not.toContain('王梓涵');
      }
    } finally {
      await sql`DROP TRIGGER refuse_reads ON audit_log`.execute(db);
      await sql`DROP FUNCTION refuse_reads()`.execute(db);
    }
    expect((await officer.request('GET', `/api/children/${id}`)).status).toBe(200);
  });
});
