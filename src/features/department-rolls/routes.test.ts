import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildFile, TimelineEntry } from '../../contract/registry/child.js';
import type { DecisionAnswer, FactProposal, RollView } from '../../contract/department-rolls/rolls.js';
import { composeIdNumber } from '../registry/id-number.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let supervisor: ApiSession;
let director: ApiSession;
let gongan: ApiSession;
let child: TestChild;
let fatherId: string;
let outsideFatherId: string;

const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`, 'utf8');

function upload(session: ApiSession, query: Record<string, string>, body: Buffer, locale = 'zh-CN'): Promise<Response> {
  return fetch(`${server.url}/api/department-rolls?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/octet-stream',
      'accept-language': locale,
    },
    body,
  });
}

async function proposalsOf(session: ApiSession, childId: string): Promise<FactProposal[]> {
  const response = await session.request('GET', `/api/children/${childId}/fact-proposals`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as FactProposal[];
}

async function count(table: 'fact_proposals' | 'department_rolls'): Promise<number> {
  const row = await server.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const prisonRoll = () =>
  csv([
    ['荆州监狱 服刑人员名单'],
    ['序号', '服刑人员姓名', '身份证号', '入监日期', '刑期止日', '服刑场所'],
    ['1', '陈建国', fatherId, '2026-03-01', '2030-02-28', '荆州监狱'],
    ['2', '王五', composeIdNumber('421002', '1985-05-05', 17), '2026-04-01', '2027-04-01', '荆州监狱'],
    ['3', '赵六', `${fatherId.slice(0, 17)}${fatherId[17] === '1' ? '2' : '1'}`, '2026-04-01', '', '荆州监狱'],
    ['4', '钱七', outsideFatherId, '2026-01-01', '2028-01-01', '荆州监狱'],
  ]);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  director = await make.signInAs(server.url, 'director.chenlong');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  child = await make.child({ residenceCode: places.chenlong });
  fatherId = composeIdNumber('421002', '1988-02-03', 11);
  await make.familyMember(child, { relation: 'father', name: '陈建国', idNumber: fatherId, isGuardian: false });
  const outside = await make.child({ residenceCode: places.nongli });
  outsideFatherId = composeIdNumber('421022', '1987-07-07', 21);
  await make.familyMember(outside, { relation: 'father', name: '钱七', idNumber: outsideFatherId, isGuardian: false });
});

afterAll(async () => {
  await server?.close();
});

describe('department rolls', () => {
  it('matches a prison roll to the parents of children in scope; unmatched and invalid rows are listed, a child outside the scope is not revealed', async () => {
    const query = { department: 'justice', kind: 'imprisonment', asOf: '2026-10-31', fileName: '服刑人员名单.csv' };
    const response = await upload(supervisor, query, prisonRoll());
    expect(response.status, await response.clone().text()).toBe(201);
    const roll = (await response.json()) as RollView;
    expect(roll).toMatchObject({ rows: 4, matched: 1, unmatched: 2, invalid: 1, proposals: 1 });
    expect(roll.columns).toMatchObject({ idNumber: '身份证号', since: '入监日期', until: '刑期止日' });
    const [first, second, third, fourth] = roll.lines;
    expect(first).toMatchObject({ row: 3, outcome: 'matched', children: [{ id: child.id }] });
    expect(first!.idNumber).not.toContain(fatherId.slice(4, 14));
    expect(second).toMatchObject({ row: 4, outcome: 'unmatched', children: [] });
    expect(third!.problems[0]).toMatchObject({ code: 'id.check_digit', column: '身份证号' });
    expect(third!.problems[0]!.message).toContain('校验位');
    // The Gongan child's father is in the file, but not in the township supervisor's area: it reads as unmatched.
    expect(fourth).toMatchObject({ row: 6, outcome: 'unmatched', children: [] });

    const before = await count('fact_proposals');
    const again = await upload(supervisor, query, prisonRoll());
    expect(again.status).toBe(200);
    expect(((await again.json()) as RollView).id).toBe(roll.id);
    expect(await count('fact_proposals')).toBe(before);

    const list = await supervisor.request('GET', '/api/department-rolls');
    expect(((await list.json()) as { id: string }[]).map((r) => r.id)).toContain(roll.id);
  });

  it('a person accepts the proposal on the child file at the version seen: stale → 409 and nothing written; then the fact and its source are on the file', async () => {
    const [proposal] = await proposalsOf(officer, child.id);
    expect(proposal).toMatchObject({
      status: 'proposed',
      fact: { kind: 'imprisonment', relation: 'father', since: '2026-03-01', until: '2030-02-28' },
      source: { department: 'justice', asOf: '2026-10-31', row: 3 },
    });
    const stale = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/accept`, {
      version: proposal!.version,
      targetVersion: proposal!.targetVersion! + 5,
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('stale_version');
    expect((await proposalsOf(officer, child.id))[0]!.status).toBe('proposed');

    const accepted = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/accept`, {
      version: proposal!.version,
      targetVersion: proposal!.targetVersion!,
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(((await accepted.json()) as DecisionAnswer).proposal.status).toBe('accepted');

    const file = (await (await officer.request('GET', `/api/children/${child.id}`)).json()) as ChildFile;
    const father = file.family.find((m) => m.relation === 'father');
    expect(father?.situations).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'imprisoned', since: '2026-03-01' })]),
    );
    const timeline = (await (
      await officer.request('GET', `/api/children/${child.id}/timeline?pageSize=50`)
    ).json()) as { items: TimelineEntry[] };
    const kinds = timeline.items.map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['fact.proposed', 'fact.accepted', 'family.updated']));
    const entry = timeline.items.find((e) => e.kind === 'fact.accepted');
    expect(entry?.details).toMatchObject({ department: 'justice', rollId: proposal!.source.rollId, row: 3 });

    const twice = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/accept`, {
      version: proposal!.version,
      targetVersion: proposal!.targetVersion!,
    });
    expect(twice.status).toBe(409);
  });

  it('a disability roll proposes the grade; accepting it re-proposes the disability category; rejecting keeps the file', async () => {
    const other = await make.child({ residenceCode: places.chenlong });
    const third = await make.child({ residenceCode: places.chenlong });
    const roll = csv([
      ['姓名', '身份证号', '残疾类别', '残疾等级', '残疾证号'],
      ['甲', other.fullIdNumber!, '肢体残疾', '二级', 'C42100220120'],
      ['乙', third.fullIdNumber!, '智力', '三级', ''],
      ['丙', third.fullIdNumber!.slice(0, 17), '智力', '', ''],
    ]);
    const response = await upload(
      officer,
      { department: 'disabled_persons_federation', kind: 'disability', asOf: '2026-11-01', fileName: 'cdpf.csv' },
      roll,
      'en',
    );
    expect(response.status, await response.clone().text()).toBe(201);
    const view = (await response.json()) as RollView;
    expect(view).toMatchObject({ matched: 2, invalid: 1 });
    expect(view.lines[2]!.problems.map((p) => p.message).join(' ')).toMatch(/18 characters/);

    const [proposal] = await proposalsOf(officer, other.id);
    const answer = (await (
      await officer.request('POST', `/api/fact-proposals/${proposal!.id}/accept`, {
        version: proposal!.version,
        targetVersion: proposal!.targetVersion!,
      })
    ).json()) as DecisionAnswer;
    expect(answer.categoriesProposed).toContain('disability');
    const file = (await (await officer.request('GET', `/api/children/${other.id}`)).json()) as ChildFile;
    expect(file.health).toMatchObject({ disabilityGrade: 2, disabilityType: 'physical' });

    const [rejectMe] = await proposalsOf(officer, third.id);
    const rejected = await officer.request('POST', `/api/fact-proposals/${rejectMe!.id}/reject`, {
      version: rejectMe!.version,
      reason: '证号与残联系统不符',
    });
    expect(rejected.status).toBe(200);
    const thirdFile = (await (await officer.request('GET', `/api/children/${third.id}`)).json()) as ChildFile;
    expect(thirdFile.health.disabilityGrade).toBeNull();
    expect((await proposalsOf(officer, third.id))[0]).toMatchObject({
      status: 'rejected',
      decisionReason: '证号与残联系统不符',
    });
  });

  it('who cannot: a village director has neither permission; another county sees no proposal; bad rolls are refused in both languages', async () => {
    expect((await director.request('GET', `/api/children/${child.id}/fact-proposals`)).status).toBe(403);
    const query = { department: 'education', kind: 'school_dropout', asOf: '2026-11-01', fileName: 'x.csv' };
    expect((await upload(director, query, csv([['身份证号'], [fatherId]]))).status).toBe(403);

    const hidden = await gongan.request('GET', `/api/children/${child.id}/fact-proposals`);
    expect(hidden.status).toBe(404);
    const [proposal] = await proposalsOf(officer, child.id);
    const foreign = await gongan.request('POST', `/api/fact-proposals/${proposal!.id}/reject`, {
      version: proposal!.version,
      reason: 'x',
    });
    expect(foreign.status).toBe(404);

    const rolls = await gongan.request('GET', '/api/department-rolls');
    expect(await rolls.json()).toEqual([]);

    const wrongDepartment = await upload(
      gongan,
      { ...query, department: 'health' },
      csv([['身份证号'], [fatherId]]),
      'en',
    );
    expect(wrongDepartment.status).toBe(400);
    expect((await errorOf(wrongDepartment)).message).toContain('does not send');
    const noHeader = await upload(
      gongan,
      query,
      csv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    );
    expect(noHeader.status).toBe(400);
    expect((await errorOf(noHeader)).message).toContain('身份证号');
    const missing = await upload(gongan, { ...query, kind: 'school_enrolment' }, csv([['身份证号'], [fatherId]]), 'en');
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('rolls.missing_columns');
  });
});
