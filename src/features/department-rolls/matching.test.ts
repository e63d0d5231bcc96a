import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionAnswer, FactProposal, RollDryRun, RollView } from '../../contract/department-rolls/rolls.js';
import { composeIdNumber } from '../registry/id-number.js';
import { factories, places, type Factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { bestOf, scoreChild } from './matching.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let gongan: ApiSession;

const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`, 'utf8');

function post(session: ApiSession, path: string, query: Record<string, string>, body: Buffer, locale = 'zh-CN') {
  return fetch(`${server.url}${path}?${new URLSearchParams(query)}`, {
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
  return (await (await session.request('GET', `/api/children/${childId}/fact-proposals`)).json()) as FactProposal[];
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
});

afterAll(async () => {
  await server?.close();
});

describe('matching without an ID number (pure)', () => {
  const candidate = {
    childId: 'c',
    name: '柳梦璃',
    formerNames: ['柳小璃'],
    pinyin: 'liumengli',
    birthDate: '2015-06-01',
    havenCode: 'H',
    residenceCode: places.chenlong,
    hukouCode: places.chenlong,
  };
  it('scores name + birth date + village strong, the county or a variant weak, another county or birth date nothing', () => {
    const row = { name: '柳梦璃', birthDate: '2015-06-01', divisionCode: places.chenlong };
    expect(scoreChild(row, candidate)).toEqual({
      level: 'strong',
      score: 90,
      reasons: ['same_name', 'same_birth_date', 'same_village'],
    });
    expect(scoreChild({ ...row, divisionCode: places.shakou }, candidate)?.level).toBe('weak');
    expect(scoreChild({ ...row, name: '柳小璃' }, candidate)?.reasons).toContain('former_name');
    expect(scoreChild({ ...row, name: '刘梦丽' }, candidate, 'liumengli')).toMatchObject({
      level: 'weak',
      reasons: ['same_pinyin', 'same_birth_date', 'same_village'],
    });
    expect(scoreChild({ ...row, divisionCode: places.nongli }, candidate)).toBeNull();
    expect(scoreChild({ ...row, birthDate: '2015-06-02' }, candidate)).toBeNull();
  });
  it('two equally good candidates are ambiguous; a strong one beats a weak one', () => {
    const c = (id: string, level: 'strong' | 'weak', score: number) => ({
      childId: id,
      childName: id,
      havenCode: id,
      memberId: null,
      memberName: null,
      relation: null,
      match: { level, score, reasons: [] },
    });
    expect(bestOf([c('a', 'weak', 80), c('b', 'weak', 80)]).level).toBe('ambiguous');
    expect(bestOf([c('a', 'strong', 90), c('b', 'weak', 80)])).toMatchObject({
      level: 'strong',
      candidates: [{ childId: 'a' }],
    });
  });
});

describe('department rolls without ID numbers, mapping, dry run and error sheet', () => {
  it('a dry run counts rows per level and stores nothing; the upload stores the same, remembers the mapping and the error sheet names row, column and reason', async () => {
    const strong = await make.child({ name: '柳梦璃', birthDate: '2015-06-01', residenceCode: places.chenlong });
    const weak = await make.child({ name: '韩菱纱', birthDate: '2014-03-02', residenceCode: places.chenlong });
    const twinA = await make.child({ name: '慕容紫英', birthDate: '2013-09-09', residenceCode: places.chenlong });
    const twinB = await make.child({ name: '慕容紫英', birthDate: '2013-09-09', residenceCode: places.shakou });
    const roll = csv([
      ['学生名单'],
      ['学生名字', '出生', '村居', '学校名称', '年级'],
      ['柳梦璃', '2015-06-01', places.chenlong, '岑河镇中心小学', '五年级'],
      ['韩菱纱', '2014-03-02', places.shakou, '岑河镇中心小学', '六年级'],
      ['慕容紫英', '2013-09-09', '', '岑河镇中学', '初一'],
      ['云天河', '2012-01-01', places.chenlong, '岑河镇中学', '初二'],
      ['菱纱', '', places.chenlong, '岑河镇中学', '初二'],
    ]);
    const query = { department: 'education', kind: 'school_enrolment', asOf: '2026-11-02', fileName: '在校生.csv' };
    // The headers are not ones Haven knows: the dry run shows them with nothing mapped and what is missing.
    const unmapped = await post(officer, '/api/department-rolls/dry-run', query, roll);
    expect(unmapped.status, await unmapped.clone().text()).toBe(200);
    const first = (await unmapped.json()) as RollDryRun;
    expect(first.headers).toEqual(['学生名单']);
    expect(first.missing).toContain('idNumber');

    const mapping = JSON.stringify({
      name: '学生名字',
      birthDate: '出生',
      division: '村居',
      detail: '学校名称',
      grade: '年级',
    });
    const dry = await post(officer, '/api/department-rolls/dry-run', { ...query, mapping }, roll, 'en');
    expect(dry.status, await dry.clone().text()).toBe(200);
    const run = (await dry.json()) as RollDryRun;
    expect(run.mappingSource).toBe('given');
    expect(run.counts).toEqual({ rows: 5, certain: 0, strong: 1, weak: 1, ambiguous: 1, unmatched: 1, invalid: 1 });
    const ambiguous = run.lines.find((line) => line.level === 'ambiguous');
    expect(ambiguous?.candidates.map((c) => c.havenCode).sort()).toEqual([twinA.havenCode, twinB.havenCode].sort());
    expect(ambiguous?.candidates[0]?.match.reasons).toEqual(expect.arrayContaining(['no_place', 'other_candidates']));
    const invalid = run.lines.find((line) => line.outcome === 'invalid');
    expect(invalid).toMatchObject({ row: 7, problems: [{ column: '出生', code: 'rolls.birth_date_missing' }] });
    expect(await proposalsOf(officer, strong.id)).toEqual([]);

    const sheet = await post(officer, '/api/department-rolls/dry-run/errors.xlsx', { ...query, mapping }, roll, 'en');
    expect(sheet.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await sheet.arrayBuffer());
    const errors = workbook.getWorksheet('Invalid rows')!;
    expect(errors.getRow(2).values).toEqual([undefined, 'Row', 'Name', 'ID number (masked)', 'Column', 'Reason']);
    expect(errors.getRow(3).getCell(1).value).toBe(7);
    expect(errors.getRow(3).getCell(4).value).toBe('出生');
    expect(String(errors.getRow(3).getCell(5).value)).toMatch(/birth date is needed/);
    expect(workbook.getWorksheet('Unmatched rows')!.getRow(3).getCell(2).value).toBe('云天河');

    const stored = await post(officer, '/api/department-rolls', { ...query, mapping }, roll);
    expect(stored.status, await stored.clone().text()).toBe(201);
    const view = (await stored.json()) as RollView;
    expect(view).toMatchObject({ rows: 5, matched: 3, unmatched: 1, invalid: 1, proposals: 4 });
    expect(view.levels).toEqual({ certain: 0, strong: 1, weak: 1, ambiguous: 1 });
    const zhSheet = await officer.request('GET', `/api/department-rolls/${view.id}/errors.xlsx`);
    const zhBook = new ExcelJS.Workbook();
    await zhBook.xlsx.load(await zhSheet.arrayBuffer());
    expect(String(zhBook.getWorksheet('无效行')!.getRow(3).getCell(5).value)).toContain('出生日期');

    // The next file of the kind with the same headers is read with the remembered mapping.
    const next = await post(officer, '/api/department-rolls/dry-run', { ...query, asOf: '2026-12-01' }, roll);
    expect(((await next.json()) as RollDryRun).mappingSource).toBe('remembered');

    // Nothing changed a child: each match waits for a person; a weak one needs the match confirmed.
    const [weakProposal] = await proposalsOf(officer, weak.id);
    expect(weakProposal?.match).toMatchObject({
      level: 'weak',
      reasons: ['same_name', 'same_birth_date', 'same_county'],
    });
    const unconfirmed = await officer.request('POST', `/api/fact-proposals/${weakProposal!.id}/accept`, {
      version: weakProposal!.version,
      targetVersion: weakProposal!.targetVersion!,
    });
    expect(unconfirmed.status).toBe(409);
    expect((await errorOf(unconfirmed)).code).toBe('rolls.match_unconfirmed');
    const confirmed = await officer.request('POST', `/api/fact-proposals/${weakProposal!.id}/accept`, {
      version: weakProposal!.version,
      targetVersion: weakProposal!.targetVersion!,
      matchConfirmed: true,
    });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);

    // An ambiguous row: the person chooses one child; the other's proposal is rejected, never chosen by Haven.
    const [a] = await proposalsOf(officer, twinA.id);
    expect(a?.match.level).toBe('ambiguous');
    const chosen = (await (
      await officer.request('POST', `/api/fact-proposals/${a!.id}/accept`, {
        version: a!.version,
        targetVersion: a!.targetVersion!,
        matchConfirmed: true,
      })
    ).json()) as DecisionAnswer;
    expect(chosen.othersRejected).toBe(1);
    expect((await proposalsOf(officer, twinB.id))[0]).toMatchObject({ status: 'rejected' });
    // Another county's officer sees neither the roll nor its error sheet.
    expect((await gongan.request('GET', `/api/department-rolls/${view.id}/errors.xlsx`)).status).toBe(404);
  });

  it('a death roll (.xlsx) proposes the parent deceased; accepting it proposes the category and its benefits; an application opens once through benefits', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    const fatherId = composeIdNumber('421002', '1984-04-04', 31);
    await make.familyMember(child, { relation: 'father', name: '陈大海', idNumber: fatherId, isGuardian: false });
    await make.familyMember(child, {
      relation: 'mother',
      name: '李小红',
      isGuardian: false,
      situations: [{ kind: 'imprisoned', since: '2025-05-01', until: '2031-05-01' }],
    });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('死亡人员');
    sheet.addRow(['死者姓名', '死者身份证号', '死亡日期']);
    sheet.addRow(['陈大海', fatherId, '2026-10-05']);
    const content = Buffer.from(await book.xlsx.writeBuffer());
    const query = { department: 'public_security', kind: 'death', asOf: '2026-11-01', fileName: '死亡注销.xlsx' };
    const response = await post(officer, '/api/department-rolls', query, content);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await response.json()) as RollView).toMatchObject({ matched: 1, levels: { certain: 1 } });

    const [proposal] = await proposalsOf(officer, child.id);
    expect(proposal).toMatchObject({ fact: { kind: 'death', relation: 'father', since: '2026-10-05' } });
    const notYet = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/apply`, {
      benefitType: '120',
      applicantKind: 'village_committee',
      applicantName: '陈龙村委会',
      receivedOn: '2026-11-02',
    });
    expect(notYet.status).toBe(409);
    const answer = (await (
      await officer.request('POST', `/api/fact-proposals/${proposal!.id}/accept`, {
        version: proposal!.version,
        targetVersion: proposal!.targetVersion!,
      })
    ).json()) as DecisionAnswer;
    expect(answer.categoriesProposed).toContain('de_facto_unsupported');
    const benefit = answer.benefitsProposed.find((b) => b.category === 'de_facto_unsupported');
    expect(benefit).toBeDefined();
    const apply = {
      benefitType: benefit!.benefitType,
      applicantKind: 'village_committee',
      applicantName: '陈龙村委会',
      receivedOn: '2026-11-02',
    };
    const opened = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/apply`, apply);
    expect(opened.status, await opened.clone().text()).toBe(201);
    const { applicationId } = (await opened.json()) as { applicationId: string };
    const application = await officer.request('GET', `/api/benefits/applications/${applicationId}`);
    expect(application.status).toBe(200);
    const twice = await officer.request('POST', `/api/fact-proposals/${proposal!.id}/apply`, apply);
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('benefits.application_open');
  });
});
