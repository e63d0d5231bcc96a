import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../contract/benefits/applications.js';
import type { BenefitReview } from '../../contract/benefits/reviews.js';
import type { DecisionAnswer, FactProposal, RollDryRun, RollView } from '../../contract/department-rolls/rolls.js';
import type { MyWork } from '../../contract/my-work/my-work.js';
import type { ChildFile } from '../../contract/registry/child.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { composeIdNumber } from '../registry/id-number.js';
import { readAssistance, readChange } from './assistance-cells.js';
import { placeIndexOf, resolvePlaceName } from './place-names.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let supervisor: ApiSession;
let gongan: ApiSession;
let entering: TestChild;
let rejected: TestChild;
let leaving: TestChild;
let addOnId: string;

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

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

const proposalsOf = async (childId: string) =>
  json<FactProposal[]>(await officer.request('GET', `/api/children/${childId}/fact-proposals`));
const fileOf = async (childId: string) => json<ChildFile>(await officer.request('GET', `/api/children/${childId}`));
const accept = (p: FactProposal, extra: Record<string, unknown> = {}) =>
  officer.request('POST', `/api/fact-proposals/${p.id}/accept`, {
    version: p.version,
    targetVersion: p.targetVersion,
    ...extra,
  });

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  entering = await make.child({ residenceCode: places.chenlong });
  rejected = await make.child({ residenceCode: places.chenlong });
  // A household on 低保 whose child's add-on was approved in November.
  leaving = await make.child({ residenceCode: places.chenlong, householdBenefits: ['dibao'] });
  let view = await json<ApplicationView>(
    await officer.request('POST', '/api/benefits/applications', {
      childId: leaving.id,
      benefitType: 'local.dibao_child_addon',
      receivedOn: '2026-11-02',
      applicantKind: 'guardian',
      applicantName: '王秀英',
    }),
    201,
  );
  addOnId = view.id;
  view = await json(
    await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      type: 'verify',
      expectedSeq: view.seq,
      occurredOn: '2026-11-05',
      findings: '家庭在低保名册中',
      recommendation: 'approve',
    }),
  );
  await json(
    await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      type: 'approve',
      expectedSeq: view.seq,
      occurredOn: '2026-11-10',
    }),
  );
});

afterAll(async () => {
  await server?.close();
});

describe('低保/特困 roll cells and place names (pure)', () => {
  it('reads the assistance and the change, 特困 before 低保 and leaving words before entering ones', () => {
    expect(readAssistance('农村低保')).toBe('dibao');
    expect(readAssistance('特困供养')).toBe('tekun');
    expect(readAssistance('临时救助')).toBeNull();
    expect(readChange('')).toBe('entered');
    expect(readChange('新增')).toBe('entered');
    expect(readChange('停保')).toBe('left');
    expect(readChange('退出低保')).toBe('left');
    expect(readChange('待定')).toBeNull();
  });
  it('resolves a village by its short name, a township + village, and tells twins apart by their township', () => {
    const index = placeIndexOf([
      { code: '421022100000', name: '埠河镇', shortName: '埠河镇', parentCode: '421022000000' },
      { code: '421022100206', name: '合意村村民委员会', shortName: '合意村', parentCode: '421022100000' },
      { code: '421022101000', name: '斗湖堤镇', shortName: '斗湖堤镇', parentCode: '421022000000' },
      { code: '421022101299', name: '合意村委会', shortName: '合意村', parentCode: '421022101000' },
    ]);
    expect(resolvePlaceName('合意村', index).sort()).toEqual(['421022100206', '421022101299']);
    expect(resolvePlaceName('埠河镇合意村', index)).toEqual(['421022100206']);
    expect(resolvePlaceName('合意村村民委员会', index)).toEqual(['421022100206']);
    expect(resolvePlaceName('埠河镇', index)).toEqual(['421022100000']);
    expect(resolvePlaceName('岑河镇合意村', index)).toEqual([]);
    expect(resolvePlaceName('新村', index)).toEqual([]);
  });
});

describe('a 低保/特困 roll from social assistance', () => {
  let roll: RollView;
  const nobody = composeIdNumber('421002', '2014-04-04', 77);

  it('matches rows to children as proposed household facts with the source; an unmatched row is listed, a bad one explained', async () => {
    const file = csv([
      ['序号', '保障对象姓名', '身份证号', '救助类别', '变动类型', '纳入日期', '退出日期'],
      ['1', entering.name, entering.fullIdNumber!, '农村低保', '新增', '2026-10-01', ''],
      ['2', rejected.name, rejected.fullIdNumber!, '特困供养', '', '2026-10-01', ''],
      ['3', leaving.name, leaving.fullIdNumber!, '农村低保', '停保', '', '2026-11-30'],
      ['4', '查无此人', nobody, '农村低保', '新增', '2026-10-01', ''],
      ['5', '某某', entering.fullIdNumber!, '临时救助', '新增', '2026-10-01', ''],
    ]);
    const query = {
      department: 'social_assistance',
      kind: 'dibao_tekun',
      asOf: '2026-11-30',
      fileName: '低保名册.csv',
    };
    const dry = await json<RollDryRun>(await post(officer, '/api/department-rolls/dry-run', query, file));
    expect(dry.missing).toEqual([]);
    expect(dry.counts).toMatchObject({ rows: 5, certain: 3, unmatched: 1, invalid: 1 });
    roll = await json<RollView>(await post(officer, '/api/department-rolls', query, file), 201);
    expect(roll).toMatchObject({ rows: 5, matched: 3, unmatched: 1, invalid: 1, proposals: 3 });
    expect(roll.lines.find((l) => l.row === 5)).toMatchObject({ outcome: 'unmatched', name: '查无此人' });
    expect(roll.lines.find((l) => l.row === 6)!.problems[0]).toMatchObject({
      code: 'rolls.assistance_unreadable',
      column: '救助类别',
    });
    const [proposal] = await proposalsOf(entering.id);
    expect(proposal).toMatchObject({
      status: 'proposed',
      fact: { kind: 'dibao_tekun', assistance: 'dibao', change: 'entered', on: '2026-10-01' },
      source: { department: 'social_assistance', kind: 'dibao_tekun', row: 2 },
    });
    expect((await proposalsOf(leaving.id))[0]!.fact).toMatchObject({ change: 'left', on: '2026-11-30' });
  });

  it('confirming an entry writes the household fact, re-proposes poverty and opens the add-on application', async () => {
    const [proposal] = await proposalsOf(entering.id);
    const answer = await json<DecisionAnswer>(await accept(proposal!));
    expect(answer.categoriesProposed).toContain('poverty');
    expect(answer.applicationsOpened).toEqual([expect.objectContaining({ benefitType: 'local.dibao_child_addon' })]);
    expect((await fileOf(entering.id)).householdBenefits).toEqual(['dibao']);
    const application = await json<ApplicationView>(
      await officer.request('GET', `/api/benefits/applications/${answer.applicationsOpened[0]!.applicationId}`),
    );
    expect(application).toMatchObject({ status: 'received', applicantKind: 'department_data', childId: entering.id });
  });

  it('rejecting one writes nothing and opens nothing', async () => {
    const [proposal] = await proposalsOf(rejected.id);
    const answer = await json<DecisionAnswer>(
      await officer.request('POST', `/api/fact-proposals/${proposal!.id}/reject`, {
        version: proposal!.version,
        reason: '核对后不是本户',
      }),
    );
    expect(answer).toMatchObject({ applicationsOpened: [], reviewsOpened: [] });
    expect((await fileOf(rejected.id)).householdBenefits).toEqual([]);
    const list = await json<{ items: ApplicationView[] }>(
      await officer.request('GET', `/api/benefits/applications?childId=${rejected.id}`),
    );
    expect(list.items.filter((a) => a.childId === rejected.id)).toEqual([]);
  });

  it('confirming a household that left opens a review of the add-on in the county officer’s work, with a clock; the township cannot decide it', async () => {
    const [proposal] = await proposalsOf(leaving.id);
    const answer = await json<DecisionAnswer>(await accept(proposal!));
    expect(answer.reviewsOpened).toEqual([expect.objectContaining({ benefitType: 'local.dibao_child_addon' })]);
    expect((await fileOf(leaving.id)).householdBenefits).toEqual([]);
    const work = await json<MyWork>(await officer.request('GET', '/api/my-work'));
    const review = work.benefitReviews.find((r) => r.applicationId === addOnId);
    expect(review).toMatchObject({
      status: 'open',
      category: 'poverty',
      cause: { fact: 'dibao_tekun', change: 'left', department: 'social_assistance', row: 4 },
    });
    expect(review!.dueAt).not.toBeNull();
    const townWork = await json<MyWork>(await supervisor.request('GET', '/api/my-work'));
    expect(townWork.benefitReviews).toEqual([]);
    const decide = { decision: 'end', note: '家庭已退出低保', version: review!.version, endedOn: '2026-11-30' };
    expect((await supervisor.request('POST', `/api/benefits/reviews/${review!.id}/decision`, decide)).status).toBe(403);
    expect((await gongan.request('POST', `/api/benefits/reviews/${review!.id}/decision`, decide)).status).toBe(404);
    const stale = await officer.request('POST', `/api/benefits/reviews/${review!.id}/decision`, {
      ...decide,
      version: review!.version + 1,
    });
    expect(stale.status).toBe(409);

    const decided = await json<BenefitReview>(
      await officer.request('POST', `/api/benefits/reviews/${review!.id}/decision`, decide),
    );
    expect(decided).toMatchObject({ status: 'ended', endedOn: '2026-11-30', dueAt: null });
    const application = await json<ApplicationView>(
      await officer.request('GET', `/api/benefits/applications/${addOnId}`),
    );
    expect(application.status).toBe('ended');
    const again = await officer.request('POST', `/api/benefits/reviews/${review!.id}/decision`, {
      ...decide,
      version: decided.version,
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('benefits.review_decided');
    expect((await json<MyWork>(await officer.request('GET', '/api/my-work'))).benefitReviews).toEqual([]);
  });
});

describe('a release list from justice', () => {
  it('closes the parent’s open imprisonment; the de facto unsupported benefit it rested on goes to the county for review; keeping it records why', async () => {
    const child = await make.child({ residenceCode: places.chenlong, birthDate: '2014-06-06' });
    const fatherId = composeIdNumber('421002', '1984-01-01', 41);
    await make.familyMember(child, {
      relation: 'father',
      name: '何大山',
      idNumber: fatherId,
      isGuardian: false,
      situations: [{ kind: 'imprisoned', since: '2024-03-01' }],
    });
    await make.familyMember(child, {
      relation: 'mother',
      name: '林小芳',
      isGuardian: false,
      situations: [{ kind: 'deceased', since: '2023-05-01' }],
    });
    let view = await json<ApplicationView>(
      await officer.request('POST', '/api/benefits/applications', {
        childId: child.id,
        benefitType: '120',
        receivedOn: '2026-09-01',
        applicantKind: 'relative',
        applicantName: '何奶奶',
      }),
      201,
    );
    view = await json(
      await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
        type: 'verify',
        expectedSeq: view.seq,
        occurredOn: '2026-09-10',
        findings: '父亲服刑，母亲死亡',
        recommendation: 'approve',
      }),
    );
    await json(
      await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
        type: 'approve',
        expectedSeq: view.seq,
        occurredOn: '2026-09-20',
      }),
    );
    const file = csv([
      ['姓名', '身份证号', '释放日期'],
      ['何大山', fatherId, '2026-11-15'],
    ]);
    const query = { department: 'justice', kind: 'imprisonment', asOf: '2026-11-30', fileName: '刑满释放.csv' };
    await json<RollView>(await post(officer, '/api/department-rolls', query, file), 201);
    const [proposal] = await proposalsOf(child.id);
    expect(proposal!.fact).toMatchObject({ kind: 'imprisonment', until: '2026-11-15' });
    const answer = await json<DecisionAnswer>(await accept(proposal!));
    expect(answer.reviewsOpened).toEqual([expect.objectContaining({ benefitType: '120' })]);
    const father = (await fileOf(child.id)).family.find((m) => m.relation === 'father')!;
    expect(father.situations).toEqual([
      expect.objectContaining({ kind: 'imprisoned', since: '2024-03-01', until: '2026-11-15' }),
    ]);

    const [review] = await json<BenefitReview[]>(
      await officer.request('GET', `/api/benefits/applications/${view.id}/reviews`),
    );
    expect(review).toMatchObject({ status: 'open', category: 'de_facto_unsupported', cause: { fact: 'imprisonment' } });
    const kept = await json<BenefitReview>(
      await officer.request('POST', `/api/benefits/reviews/${review!.id}/decision`, {
        decision: 'keep',
        note: '父亲出狱后重病，仍无力抚养，另案认定',
        version: review!.version,
      }),
    );
    expect(kept).toMatchObject({ status: 'kept', decisionNote: '父亲出狱后重病，仍无力抚养，另案认定' });
    const application = await json<ApplicationView>(
      await officer.request('GET', `/api/benefits/applications/${view.id}`),
    );
    expect(application.status).toBe('approved');
  });
});

describe('matching by a place name and an ID number that matches nobody', () => {
  it('a village given by name inside my area matches strongly; a name outside it is a problem row; a township is weak', async () => {
    const child = await make.child({
      residenceCode: places.chenlong,
      idNumber: null,
      birthDate: '2016-03-03',
      sex: 'male',
    });
    const file = csv([
      ['学生姓名', '出生日期', '所在村（社区）', '辍学日期'],
      [child.name, '2016-03-03', '岑河镇陈龙村', '2026-09-01'],
      [child.name, '2016-03-03', '合意村', '2026-09-01'],
      [child.name, '2016-03-03', '岑河镇', '2026-09-01'],
    ]);
    const query = { department: 'education', kind: 'school_dropout', asOf: '2026-11-20', fileName: '辍学.csv' };
    const dry = await json<RollDryRun>(await post(officer, '/api/department-rolls/dry-run', query, file, 'en'));
    const [village, outside, township] = dry.lines;
    expect(village).toMatchObject({ row: 2, level: 'strong', candidates: [{ havenCode: child.havenCode }] });
    expect(village!.candidates[0]!.match.reasons).toContain('same_village');
    expect(outside).toMatchObject({ row: 3, outcome: 'invalid' });
    expect(outside!.problems[0]).toMatchObject({ code: 'rolls.place_unknown', column: '所在村（社区）' });
    expect(outside!.problems[0]!.message).toContain('合意村');
    expect(township).toMatchObject({ row: 4, level: 'weak' });
    expect(township!.candidates[0]!.match.reasons).toContain('same_township');
  });

  it('a row whose ID number matches nobody falls back to name + birth date + place, weak with its score, and needs confirming', async () => {
    const child = await make.child({
      residenceCode: places.chenlong,
      idNumber: null,
      birthDate: '2015-07-07',
      sex: 'female',
    });
    const idNumber = composeIdNumber('421002', '2015-07-07', 88);
    const file = csv([
      ['姓名', '身份证号', '所在地区划代码', '残疾类别', '残疾等级'],
      [child.name, idNumber, places.chenlong, '听力', '三级'],
    ]);
    const query = {
      department: 'disabled_persons_federation',
      kind: 'disability',
      asOf: '2026-11-21',
      fileName: 'id.csv',
    };
    const roll = await json<RollView>(await post(officer, '/api/department-rolls', query, file), 201);
    expect(roll).toMatchObject({ matched: 1, unmatched: 0 });
    expect(roll.lines[0]).toMatchObject({ level: 'weak' });
    const [proposal] = await proposalsOf(child.id);
    expect(proposal!.match.reasons).toEqual(
      expect.arrayContaining(['id_number_not_found', 'same_name', 'same_birth_date', 'same_village']),
    );
    expect(proposal!.match.score).toBeLessThan(90);
    const unconfirmed = await accept(proposal!);
    expect(unconfirmed.status).toBe(409);
    expect((await errorOf(unconfirmed)).code).toBe('rolls.match_unconfirmed');
    await json<DecisionAnswer>(await accept(proposal!, { matchConfirmed: true }));
    expect((await fileOf(child.id)).health.disabilityGrade).toBe(3);
  });
});
