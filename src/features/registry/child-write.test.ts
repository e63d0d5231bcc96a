import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../../../test/support/cluster.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { composeIdNumber } from './id-number.js';
import { namedChildren } from '../../../test/support/demo-children.js';

let server: TestServer;
let officer: ApiSession;
let make: Factories;
// The roster's people, made by the factories (no demo); each signs in once.
const sessions = new Map<string, Promise<ApiSession>>();
const signInAs = (url: string, name: string): Promise<ApiSession> => {
  let session = sessions.get(name);
  if (!session) sessions.set(name, (session = make.signInAs(url, name)));
  return session;
};
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // Files registered before: 李小雨 in 陈龙村 and 张浩然 in 沙口村 (沙市区, the officer's), 黄俊 in 农利村
  // (公安县, not hers).
  await make.child({ name: '李小雨', residenceCode: places.chenlong, birthDate: '2013-09-09' });
  await make.child({ name: '张浩然', sex: 'male', birthDate: '2011-01-27', residenceCode: places.shakou });
  await make.child({ name: '黄俊', residenceCode: places.nongli, birthDate: '2012-10-10' });
  officer = await signInAs(server.url, 'officer.shashi');
});
afterAll(async () => server.close());

const { chenlong, shakou, nongli } = places;
const today = shanghaiDateOf(new Date());
const yearsAgo = (years: number, days = 0) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface Membership {
  id: string;
  category: string;
  state: string;
  version: number;
  proposal: { ruleId: string } | null;
}
interface FileView {
  id: string;
  name: string;
  havenCode: string;
  provisionalIdentity: boolean;
  idNumber: string | null;
  birthDate: string | null;
  sex: string | null;
  version: number;
  family: { id: string; name: string; version: number; phone: string | null }[];
  categories: Membership[];
  entitlements: { measure: string; categories: string[] }[];
}

async function create(session: ApiSession, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await session.request('POST', '/api/children', { residenceCode: chenlong, ...body }, headers);
  return { response, body: response.status === 201 ? ((await response.clone().json()) as FileView) : undefined };
}

describe('registering a child', () => {
  it('takes birth date and sex from the ID number, masks it, sets search keys, records history; a retry with the same key is a replay', async () => {
    const idNumber = composeIdNumber('421002', '2016-04-05', 311);
    const headers = { 'idempotency-key': 'create-child-0001' };
    const first = await create(officer, { name: '欧阳明月', idNumber }, headers);
    expect(first.response.status).toBe(201);
    expect(first.body).toMatchObject({
      name: '欧阳明月',
      birthDate: '2016-04-05',
      sex: 'male',
      provisionalIdentity: false,
      idNumber: expect.stringMatching(/^4210\*+/),
    });
    const again = await officer.request(
      'POST',
      '/api/children',
      { residenceCode: chenlong, name: '欧阳明月', idNumber },
      headers,
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as FileView).id).toBe(first.body!.id);
    const row = await server.database.db
      .selectFrom('children')
      .select(['pinyin_text', 'name_grams', 'created_by'])
      .where('id', '=', first.body!.id)
      .executeTakeFirstOrThrow();
    expect(row.pinyin_text).toContain('oyMY'.toLowerCase());
    expect(row.name_grams).toContain('明月');
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('kind')
      .where('child_id', '=', first.body!.id)
      .execute();
    expect(timeline.map((t) => t.kind)).toEqual(['child.created']);
  });

  it('accepts a lowercase x and stores it as X', async () => {
    const withX = Array.from({ length: 1000 }, (_, s) => composeIdNumber('421002', '2014-06-01', s)).find((n) =>
      n.endsWith('X'),
    )!;
    const { response } = await create(officer, { name: '艾小溪', idNumber: withX.toLowerCase() });
    expect(response.status).toBe(201);
    const stored = await namedChildren(server.database.db, '艾小溪').select('id_number').executeTakeFirstOrThrow();
    expect(stored.id_number).toBe(withX);
  });

  it('an ID number that disagrees with the birth date or sex entered is an error naming both values', async () => {
    const idNumber = composeIdNumber('421002', '2015-03-02', 201);
    const { response } = await create(officer, { name: '陈一', idNumber, birthDate: '2015-03-03', sex: 'female' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('registry.id_birth_date_mismatch');
    expect(error.message).toContain('2015-03-02');
    expect(error.message).toContain('2015-03-03');
    expect(error.details.map((d) => [d.path, d.code])).toEqual([
      ['body.birthDate', 'registry.id_birth_date_mismatch'],
      ['body.sex', 'registry.id_sex_mismatch'],
    ]);
    const english = await officer.request(
      'POST',
      '/api/children',
      {
        residenceCode: chenlong,
        name: '陈一',
        idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`,
      },
      { 'accept-language': 'en' },
    );
    expect((await errorOf(english)).message).toMatch(/check character/);
  });

  it('refuses a birth date in the future and a person of 18 or more', async () => {
    expect((await errorOf((await create(officer, { name: '未来', birthDate: yearsAgo(0, 1) })).response)).code).toBe(
      'registry.birth_date_future',
    );
    expect((await errorOf((await create(officer, { name: '成年', birthDate: yearsAgo(18) })).response)).code).toBe(
      'registry.too_old',
    );
    expect((await create(officer, { name: '将成年', birthDate: yearsAgo(18, 1) })).response.status).toBe(201);
  });

  it('the residence must be a current village inside the jurisdiction', async () => {
    expect((await errorOf((await create(officer, { name: '甲', residenceCode: '421002101000' })).response)).code).toBe(
      'registry.residence_not_village',
    );
    expect((await errorOf((await create(officer, { name: '甲', residenceCode: '421002101999' })).response)).code).toBe(
      'registry.residence_unknown',
    );
    expect((await errorOf((await create(officer, { name: '甲', residenceCode: nongli })).response)).code).toBe(
      'registry.residence_outside_jurisdiction',
    );
    const director = await signInAs(server.url, 'director.chenlong');
    expect((await errorOf((await create(director, { name: '甲', residenceCode: shakou })).response)).code).toBe(
      'registry.residence_outside_jurisdiction',
    );
  });

  it('a child without an ID number gets a provisional Haven identifier', async () => {
    const { body } = await create(officer, { name: '无名', sex: 'male', birthDate: '2018-01-01' });
    expect(body).toMatchObject({
      provisionalIdentity: true,
      idNumber: null,
      havenCode: expect.stringMatching(/^HV\d{10}$/),
    });
  });
});

describe('not registering a child twice', () => {
  it('the same ID number names the existing file to someone who may see it, and nothing to someone who may not', async () => {
    const existing = await namedChildren(server.database.db, '李小雨')
      .select(['id_number', 'haven_code'])
      .executeTakeFirstOrThrow();
    const seen = await create(officer, { name: '李小雨', idNumber: existing.id_number });
    expect(seen.response.status).toBe(409);
    const error = await errorOf(seen.response);
    expect(error.code).toBe('registry.duplicate_id_number');
    expect(error.message).toContain(existing.haven_code);
    const gongan = await signInAs(server.url, 'officer.gongan');
    const hidden = await create(gongan, { name: '李小雨', idNumber: existing.id_number, residenceCode: nongli });
    const hiddenError = await errorOf(hidden.response);
    expect(hiddenError.code).toBe('registry.duplicate_id_number_hidden');
    expect(JSON.stringify(hiddenError)).not.toContain(existing.haven_code);
  });

  it('two registrations of one new ID number at the same moment: one file, the other a 409', async () => {
    const idNumber = composeIdNumber('421002', '2013-09-09', 517);
    const [a, b] = await Promise.all([
      create(officer, { name: '同时甲', idNumber }),
      create(officer, { name: '同时乙', idNumber }),
    ]);
    expect([a.response.status, b.response.status].sort()).toEqual([201, 409]);
    const loser = a.response.status === 409 ? a.response : b.response;
    expect((await errorOf(loser)).code).toMatch(/^registry\.duplicate_id_number/);
  });

  it('a second registration of an ID number already on file is refused as that, not as a likely duplicate', async () => {
    const idNumber = composeIdNumber('421002', '2012-04-04', 733);
    expect((await create(officer, { name: '先登甲', idNumber })).response.status).toBe(201);
    const second = await create(officer, { name: '后登乙', idNumber });
    expect(second.response.status).toBe(409);
    expect((await errorOf(second.response)).code).toMatch(/^registry\.duplicate_id_number/);
  });

  /**
   * Seventeen registrations held just before COMMIT: the audit chain's lock, taken last by every
   * unit of work, is held by another connection until every transaction the server's pool can run
   * at once (10 connections) waits on a lock. Without serialising the likely-duplicate check, each
   * of those has checked and written its file by then, blind to the others.
   */
  async function seventeenAtOnce(body: Record<string, unknown>) {
    const holder = new pg.Client({ connectionString: databaseUrl(inject('adminUrl'), server.database.name) });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(720401)');
      const pending = Array.from({ length: 17 }, () => create(officer, body));
      for (;;) {
        const waiting = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        if (waiting.rows[0]!.n >= 10) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await holder.query('SELECT pg_advisory_unlock(720401)');
      return await Promise.all(pending);
    } finally {
      await holder.end();
    }
  }

  it('17 simultaneous registrations of one child without an ID number end as 17 sequential ones would: one file, 16 refused as likely duplicates', async () => {
    const results = await seventeenAtOnce({
      name: '并发无证',
      sex: 'female',
      birthDate: '2014-07-07',
      residenceCode: shakou,
    });
    expect(results.map((r) => r.response.status).sort()).toEqual([201, ...Array(16).fill(409)]);
    for (const refused of results.filter((r) => r.response.status === 409))
      expect((await errorOf(refused.response)).code).toBe('registry.possible_duplicate');
    expect(await namedChildren(server.database.db, '并发无证').select('id').execute()).toHaveLength(1);
  });

  it('17 simultaneous registrations confirmed as other children: 17 files, each queued for review against an earlier one, none unrelated', async () => {
    const results = await seventeenAtOnce({
      name: '并发确认',
      sex: 'male',
      birthDate: '2015-08-08',
      residenceCode: shakou,
      confirmedNotDuplicate: true,
    });
    expect(results.map((r) => r.response.status)).toEqual(Array(17).fill(201));
    const ids = results.map((r) => r.body!.id);
    const pairs = await server.database.db
      .selectFrom('duplicate_candidates')
      .select(['child_a', 'child_b'])
      .where('state', '=', 'open')
      .where((eb) => eb.or([eb('child_a', 'in', ids), eb('child_b', 'in', ids)]))
      .execute();
    // As sequential registrations: each file after the first is queued against a file registered before it.
    const order = (
      await server.database.db
        .selectFrom('children')
        .select(['id', 'haven_code'])
        .where('id', 'in', ids)
        .orderBy('haven_code')
        .execute()
    ).map((row) => row.id);
    const paired = (a: string, b: string) =>
      pairs.some((p) => (p.child_a === a && p.child_b === b) || (p.child_a === b && p.child_b === a));
    expect(order.slice(1).filter((id, i) => !order.slice(0, i + 1).some((earlier) => paired(id, earlier)))).toEqual([]);
  });

  it('a likely duplicate stops registration with the candidates, until the user confirms it is another child', async () => {
    const refused = await create(officer, { name: '张浩然', birthDate: '2011-01-27' });
    expect(refused.response.status).toBe(409);
    const error = (await refused.response.json()) as {
      error: { code: string; details: { candidates: { name: string; idNumber: string; score: number }[] } };
    };
    expect(error.error.code).toBe('registry.possible_duplicate');
    expect(error.error.details.candidates).toEqual([
      expect.objectContaining({ name: '张浩然', idNumber: expect.stringMatching(/\*/) }),
    ]);
    const confirmed = await create(officer, { name: '张浩然', birthDate: '2011-01-27', confirmedNotDuplicate: true });
    expect(confirmed.response.status).toBe(201);
    const queued = await server.database.db
      .selectFrom('duplicate_candidates')
      .select(['child_a', 'child_b', 'state'])
      .execute();
    expect(queued.some((q) => q.child_a === confirmed.body!.id || q.child_b === confirmed.body!.id)).toBe(true);
  });
});

describe('editing a file', () => {
  it('needs the version and a reason; the second of two concurrent edits is refused with the current version', async () => {
    const { body } = await create(officer, { name: '王小二', birthDate: '2017-05-05', sex: 'male' });
    const noReason = await officer.request('PATCH', `/api/children/${body!.id}`, {
      version: body!.version,
      school: '岑河小学',
    });
    expect(noReason.status).toBe(400);
    const first = await officer.request('PATCH', `/api/children/${body!.id}`, {
      version: body!.version,
      school: '岑河小学',
      reason: '核实学籍',
    });
    expect(first.status).toBe(200);
    expect((await first.json()) as FileView).toMatchObject({ version: body!.version + 1 });
    const second = await officer.request('PATCH', `/api/children/${body!.id}`, {
      version: body!.version,
      grade: '三年级',
      reason: '核实',
    });
    expect(second.status).toBe(409);
    const stale = (await second.json()) as { error: { code: string; details: Record<string, unknown> } };
    expect(stale.error.code).toBe('stale_version');
    // The file itself is read again through GET (scoped, audited), never carried by the 409.
    expect(stale.error.details).toEqual({
      entity: expect.any(String),
      id: body!.id,
      currentVersion: body!.version + 1,
    });
  });

  it('a child out of scope cannot be edited (404, like a missing one)', async () => {
    const outside = await namedChildren(server.database.db, '黄俊').select(['id', 'version']).executeTakeFirstOrThrow();
    const response = await officer.request('PATCH', `/api/children/${outside.id}`, {
      version: outside.version,
      school: 'x',
      reason: 'x',
    });
    expect(response.status).toBe(404);
  });
});

describe('family, categories and entitlements', () => {
  it('both parents dead → orphan proposed; confirmed with evidence → entitlements; the history says who and why', async () => {
    const { body } = await create(officer, {
      name: '孙小宝',
      birthDate: '2016-02-02',
      family: [
        {
          relation: 'father',
          name: '孙大',
          phone: '13900001111',
          situations: [{ kind: 'deceased', since: '2021-03-01' }],
        },
      ],
    });
    expect(body!.categories).toEqual([]);
    expect(body!.family[0]!.phone).toBe('139****1111');
    const added = (await (
      await officer.request('POST', `/api/children/${body!.id}/family`, {
        relation: 'mother',
        name: '李二',
        situations: [{ kind: 'deceased', since: '2023-08-08' }],
      })
    ).json()) as FileView;
    const proposal = added.categories.find((c) => c.category === 'orphan')!;
    expect(proposal).toMatchObject({ state: 'proposed', proposal: { ruleId: 'orphan.both_parents_gone' } });
    expect(added.entitlements).toEqual([]);
    const confirmed = (await (
      await officer.request('POST', `/api/children/${body!.id}/categories/${proposal.id}/confirm`, {
        version: proposal.version,
        evidence: '死亡证明两份',
        startDate: '2023-09-01',
      })
    ).json()) as FileView;
    expect(confirmed.categories.find((c) => c.id === proposal.id)).toMatchObject({ state: 'confirmed' });
    expect(confirmed.entitlements.map((e) => e.measure)).toEqual(
      expect.arrayContaining(['basic_living', 'medical', 'education', 'guardianship']),
    );
    const again = await officer.request('POST', `/api/children/${body!.id}/categories/${proposal.id}/confirm`, {
      version: proposal.version + 1,
      evidence: 'x',
      startDate: '2023-09-01',
    });
    expect((await errorOf(again)).code).toBe('registry.category_not_proposed');
    const timeline = (await (await officer.request('GET', `/api/children/${body!.id}/timeline`)).json()) as {
      items: { kind: string; actor: string }[];
    };
    expect(timeline.items.map((t) => t.kind)).toEqual([
      'category.confirmed',
      'category.proposed',
      'family.added',
      'child.created',
    ]);
    const officerName = await server.database.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'officer.shashi')
      .executeTakeFirstOrThrow();
    expect(timeline.items[0]!.actor).toContain(officerName.display_name);
  });

  it('a rejected proposal needs a reason and is not proposed again from the same facts; a changed fact withdraws an open one', async () => {
    const { body } = await create(officer, {
      name: '钱小留',
      birthDate: '2018-02-02',
      family: [
        {
          relation: 'father',
          name: '钱父',
          situations: [{ kind: 'working_away', place: '广东', since: '2024-01-01' }],
        },
        {
          relation: 'mother',
          name: '钱母',
          situations: [{ kind: 'working_away', place: '浙江', since: '2024-03-01' }],
        },
      ],
    });
    const proposal = body!.categories.find((c) => c.category === 'left_behind')!;
    expect(proposal.state).toBe('proposed');
    expect(
      (
        await officer.request('POST', `/api/children/${body!.id}/categories/${proposal.id}/reject`, {
          version: proposal.version,
          reason: '',
        })
      ).status,
    ).toBe(400);
    await officer.request('POST', `/api/children/${body!.id}/categories/${proposal.id}/reject`, {
      version: proposal.version,
      reason: '母亲已返乡，材料待更新',
    });
    const edited = (await (
      await officer.request('PATCH', `/api/children/${body!.id}`, {
        version: body!.version,
        school: '沙口小学',
        reason: '学籍',
      })
    ).json()) as FileView;
    expect(edited.categories.filter((c) => c.category === 'left_behind').map((c) => c.state)).toEqual(['rejected']);
    const mother = edited.family.find((m) => m.name === '钱母')!;
    const home = (await (
      await officer.request('PATCH', `/api/children/${body!.id}/family/${mother.id}`, {
        version: mother.version,
        situations: [
          { kind: 'working_away', since: '2024-03-01', until: '2025-01-01' },
          { kind: 'present', since: '2025-01-01' },
        ],
        reason: '母亲返乡',
      })
    ).json()) as FileView;
    expect(home.categories.filter((c) => c.category === 'left_behind').map((c) => c.state)).toEqual(['rejected']);
  });

  it('family edits are versioned too: a stale one gets the current version', async () => {
    const { body } = await create(officer, {
      name: '吴小版',
      birthDate: '2016-06-06',
      family: [{ relation: 'father', name: '吴父' }],
    });
    const father = body!.family[0]!;
    expect(
      (
        await officer.request('PATCH', `/api/children/${body!.id}/family/${father.id}`, {
          version: father.version,
          note: '联系不上',
          reason: '走访',
        })
      ).status,
    ).toBe(200);
    const stale = await officer.request('PATCH', `/api/children/${body!.id}/family/${father.id}`, {
      version: father.version,
      note: '已联系',
      reason: '走访',
    });
    expect(stale.status).toBe(409);
    const error = (await stale.json()) as { error: { code: string; details: Record<string, unknown> } };
    expect(error.error).toMatchObject({
      code: 'stale_version',
      details: { id: father.id, currentVersion: father.version + 1 },
    });
    expect(error.error.details).not.toHaveProperty('current');
  });

  it('a category no rule sees is added with evidence, and ended with a reason', async () => {
    const { body } = await create(officer, { name: '流小浪', birthDate: '2012-02-02' });
    const added = (await (
      await officer.request('POST', `/api/children/${body!.id}/categories`, {
        category: 'street',
        evidence: '救助站送返',
        startDate: '2026-01-05',
      })
    ).json()) as FileView;
    const street = added.categories.find((c) => c.category === 'street')!;
    expect(street.state).toBe('confirmed');
    expect(
      (
        await errorOf(
          await officer.request('POST', `/api/children/${body!.id}/categories`, {
            category: 'street',
            evidence: 'x',
            startDate: '2026-01-05',
          }),
        )
      ).code,
    ).toBe('registry.category_already_open');
    const early = await officer.request('POST', `/api/children/${body!.id}/categories/${street.id}/end`, {
      version: street.version,
      reason: '返家',
      endDate: '2026-01-01',
    });
    expect((await errorOf(early)).code).toBe('registry.end_before_start');
    const ended = (await (
      await officer.request('POST', `/api/children/${body!.id}/categories/${street.id}/end`, {
        version: street.version,
        reason: '已返家',
        endDate: '2026-02-01',
      })
    ).json()) as FileView;
    expect(ended.categories.find((c) => c.id === street.id)!.state).toBe('ended');
  });
});

describe('history', () => {
  it('restores the values before a change; refuses, naming the field, when it changed again since', async () => {
    const { body } = await create(officer, { name: '赵一', birthDate: '2015-05-05' });
    const v2 = (await (
      await officer.request('PATCH', `/api/children/${body!.id}`, {
        version: body!.version,
        name: '赵一一',
        reason: '户口本姓名',
      })
    ).json()) as FileView;
    type Page = { items: { id: string; kind: string; before: Record<string, unknown> | null; restorable: boolean }[] };
    const page = (await (await officer.request('GET', `/api/children/${body!.id}/timeline`)).json()) as Page;
    const rename = page.items.find((e) => e.kind === 'child.updated')!;
    expect(rename).toMatchObject({ before: { name: '赵一' }, restorable: true });
    const restored = (await (
      await officer.request('POST', `/api/children/${body!.id}/history/${rename.id}/restore`, { reason: '录入错误' })
    ).json()) as FileView;
    expect(restored).toMatchObject({ name: '赵一', version: v2.version + 1 });
    const keys = await server.database.db
      .selectFrom('children')
      .select('pinyin_text')
      .where('id', '=', body!.id)
      .executeTakeFirstOrThrow();
    expect(keys.pinyin_text.split(' ')).toContain('zhaoyi');
    const conflict = await officer.request('POST', `/api/children/${body!.id}/history/${rename.id}/restore`, {
      reason: '再试',
    });
    expect(conflict.status).toBe(409);
    const error = await errorOf(conflict);
    expect(error.code).toBe('registry.restore_conflict');
    expect(error.message).toContain('name');
    const created = page.items.find((e) => e.kind === 'child.created')!;
    expect(
      (
        await errorOf(
          await officer.request('POST', `/api/children/${body!.id}/history/${created.id}/restore`, { reason: 'x' }),
        )
      ).code,
    ).toBe('registry.restore_not_restorable');
  });

  it('history masks identifiers for roles without unmask; removing a family member is restorable', async () => {
    const { body } = await create(officer, {
      name: '钱二',
      birthDate: '2015-05-05',
      family: [{ relation: 'mother', name: '钱母二', phone: '13912345678' }],
    });
    const member = body!.family[0]!;
    await officer.request('PATCH', `/api/children/${body!.id}/family/${member.id}`, {
      version: member.version,
      phone: '13887654321',
      reason: '换号',
    });
    const director = await signInAs(server.url, 'director.chenlong');
    const page = (await (await director.request('GET', `/api/children/${body!.id}/timeline`)).json()) as {
      items: {
        id: string;
        kind: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }[];
    };
    const change = page.items.find((e) => e.kind === 'family.updated')!;
    expect(change).toMatchObject({ before: { phone: '139****5678' }, after: { phone: '138****4321' } });
    const current = (await (await officer.request('GET', `/api/children/${body!.id}`)).json()) as FileView;
    const removed = (await (
      await officer.request('POST', `/api/children/${body!.id}/family/${member.id}/remove`, {
        version: current.family[0]!.version,
        reason: '误录',
      })
    ).json()) as FileView;
    expect(removed.family).toEqual([]);
    const removal = (
      (await (await officer.request('GET', `/api/children/${body!.id}/timeline?kind=family.removed`)).json()) as {
        items: { id: string }[];
      }
    ).items[0]!;
    const back = (await (
      await officer.request('POST', `/api/children/${body!.id}/history/${removal.id}/restore`, { reason: '并非误录' })
    ).json()) as FileView;
    expect(back.family.map((m) => m.name)).toEqual(['钱母二']);
  });
});

describe('merged files', () => {
  it("the survivor's file shows the merged file and its family, categories and history", async () => {
    const survivor = (await create(officer, { name: '周合一', birthDate: '2013-03-03' })).body!;
    const merged = (
      await create(officer, {
        name: '周和一',
        birthDate: '2013-03-04',
        family: [{ relation: 'grandmother', name: '周奶奶' }],
        householdBenefits: ['dibao'],
      })
    ).body!;
    await server.database.db
      .updateTable('children')
      .set({ merged_into: survivor.id, status: 'merged' })
      .where('id', '=', merged.id)
      .execute();
    const file = (await (await officer.request('GET', `/api/children/${survivor.id}`)).json()) as FileView & {
      mergedFiles: { havenCode: string }[];
    };
    expect(file.mergedFiles).toEqual([expect.objectContaining({ havenCode: merged.havenCode, name: '周和一' })]);
    expect(file.family.map((m) => m.name)).toEqual(['周奶奶']);
    expect(file.categories.map((c) => c.category)).toEqual(['poverty']);
    const timeline = (await (await officer.request('GET', `/api/children/${survivor.id}/timeline`)).json()) as {
      total: number;
    };
    expect(timeline.total).toBe(3);
    const edit = await officer.request('PATCH', `/api/children/${merged.id}`, {
      version: merged.version,
      school: 'x',
      reason: 'x',
    });
    expect((await errorOf(edit)).code).toBe('registry.not_active');
  });
});
