import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { startClock } from '../../core/clocks/index.js';
import { systemActor } from '../../platform/access/actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { ruleSetFor } from '../../platform/rules/store.js';

/* The joint conference over HTTP: who sees a meeting, who decides, who closes an item, and the minutes. */

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let gongan: ApiSession;
let police: ApiSession;
let prosecutor: ApiSession;
let civilAffairsId: string;
let policeId: string;

interface Meeting {
  id: string;
  version: number;
  status: string;
  allowedSteps: string[];
  agenda: { id: string; source: string; title: string; ref: { type: string; id: string } | null }[];
  attendance: { organisationId: string; name: string; attendance: string | null }[];
  actionItems: Item[];
}
interface Item {
  id: string;
  version: number;
  status: string;
  owner: { id: string };
  allowedSteps: string[];
  clock: { state: string } | null;
}
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const day = 86_400_000;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  civilAffairsId = (await make.organisationNamed('shashiCivilAffairs')).id;
  policeId = (await make.organisationNamed('shashiPolice')).id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  police = await make.signInAs(server.url, 'police.shashi');
  prosecutor = await make.signInAs(server.url, 'prosecutor');
  // A home-visit deadline in 沙市区 overdue for weeks: it has reached the last level of its chain.
  const owner = await make.organisationNamed('chenlongVillage');
  await unitOfWork(server.database.db, systemActor('test'), 'test.clock', async ({ trx }) => {
    const started = new Date(Date.now() - 40 * day);
    await startClock(trx, await ruleSetFor(trx, places.chenlong, '2026-01-01'), {
      rule: 'visit.routine',
      ownerOrgId: owner.id,
      subjectType: 'visit',
      subjectId: owner.id,
      divisionCode: places.chenlong,
      startedAt: started,
      duration: { days: 7 },
    });
  });
}, 180_000);
afterAll(async () => server?.close());

describe('a county joint-conference meeting', () => {
  let meeting: Meeting;
  let policeItem: Item;
  let ownItem: Item;

  it('is planned by the lead agency with an idempotency key: a retry does not duplicate it', async () => {
    const body = {
      divisionCode: places.shashi,
      title: '沙市区第一季度联席会议',
      meetsOn: '2026-03-20',
      place: '区民政局三楼会议室',
      chair: '王局长',
    };
    const first = await officer.request('POST', '/api/conference/meetings', body, {
      'idempotency-key': 'meeting-0001',
    });
    expect(first.status).toBe(201);
    meeting = await json<Meeting>(first);
    expect(meeting).toMatchObject({ status: 'planned', version: 1, allowedSteps: ['hold'] });
    const again = await officer.request('POST', '/api/conference/meetings', body, {
      'idempotency-key': 'meeting-0001',
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Meeting>(again)).id).toBe(meeting.id);
    const count = await server.database.db
      .selectFrom('conference_meetings')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    // Its member departments: the lead agency and the district's police.
    expect(meeting.attendance.map((a) => a.organisationId)).toEqual(expect.arrayContaining([civilAffairsId, policeId]));
  });

  it('another county cannot see it (404, as if missing) nor list it; a member department can', async () => {
    expect((await gongan.request('GET', `/api/conference/meetings/${meeting.id}`)).status).toBe(404);
    expect((await gongan.request('GET', `/api/conference/meetings/${meeting.id}/minutes.pdf`)).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await gongan.request('GET', '/api/conference/meetings'))).items).toEqual(
      [],
    );
    const seen = await json<Meeting & { mayManage: boolean }>(
      await police.request('GET', `/api/conference/meetings/${meeting.id}`),
    );
    expect(seen).toMatchObject({ id: meeting.id, mayManage: false, allowedSteps: [] });
    // Another county's lead agency does not convene Shashi's conference.
    const foreign = await gongan.request('POST', '/api/conference/meetings', {
      divisionCode: places.shashi,
      title: 'x',
      meetsOn: '2026-03-20',
      place: 'x',
      chair: 'x',
    });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe('conference.not_convener');
  });

  it('builds its agenda from what escalated (the last-level overdue visit clock) once, plus a free item', async () => {
    const proposals = await json<{ items: { source: string; key: string; title: string }[] }>(
      await officer.request('GET', `/api/conference/meetings/${meeting.id}/proposals`),
    );
    expect(proposals.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'escalated_clock', title: expect.stringContaining('定期随访') }),
      ]),
    );
    const built = await officer.request('POST', `/api/conference/meetings/${meeting.id}/agenda/build`, {
      expectedVersion: meeting.version,
    });
    expect(built.status).toBe(200);
    meeting = await json<Meeting>(built);
    const escalated = meeting.agenda.filter((a) => a.source === 'escalated_clock');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.ref).toMatchObject({ type: 'clock' });
    meeting = await json<Meeting>(
      await officer.request('POST', `/api/conference/meetings/${meeting.id}/agenda/build`, {
        expectedVersion: meeting.version,
      }),
    );
    expect(meeting.agenda.filter((a) => a.source === 'escalated_clock')).toHaveLength(1);
    meeting = await json<Meeting>(
      await officer.request(
        'POST',
        `/api/conference/meetings/${meeting.id}/agenda`,
        { expectedVersion: meeting.version, title: '暑期留守儿童安全工作部署' },
        { 'idempotency-key': 'agenda-free-0001' },
      ),
    );
    expect(meeting.agenda.at(-1)).toMatchObject({ source: 'free', title: '暑期留守儿童安全工作部署' });
  });

  it('refuses a stale edit (409 with the current version) and an attendance of a non-member (400)', async () => {
    const stale = await officer.request('PATCH', `/api/conference/meetings/${meeting.id}`, {
      expectedVersion: 1,
      place: '别处',
    });
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatchObject({ code: 'stale_version' });
    const gonganPolice = (await make.organisationNamed('gonganPolice')).id;
    const outsider = await officer.request('PUT', `/api/conference/meetings/${meeting.id}/attendance`, {
      expectedVersion: meeting.version,
      entries: [{ organisationId: gonganPolice, attendance: 'present' }],
    });
    expect(outsider.status).toBe(400);
    expect((await errorOf(outsider)).code).toBe('conference.not_member');
    const attended = await officer.request('PUT', `/api/conference/meetings/${meeting.id}/attendance`, {
      expectedVersion: meeting.version,
      entries: [
        { organisationId: civilAffairsId, attendance: 'present' },
        { organisationId: policeId, attendance: 'delegate', delegateName: '李警官' },
      ],
    });
    expect(attended.status).toBe(200);
    meeting = await json<Meeting>(attended);
    expect(meeting.attendance.find((a) => a.organisationId === policeId)?.attendance).toBe('delegate');
  });

  it('records decisions only once held; two action items, a retried POST not duplicated', async () => {
    const early = await officer.request('POST', `/api/conference/meetings/${meeting.id}/action-items`, {
      title: 'x',
      ownerOrganisationId: policeId,
      dueOn: '2026-04-30',
    });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('conference.not_held');
    meeting = await json<Meeting>(
      await officer.request('POST', `/api/conference/meetings/${meeting.id}/steps`, {
        expectedVersion: meeting.version,
        step: 'hold',
      }),
    );
    expect(meeting).toMatchObject({ status: 'held', allowedSteps: ['approve_minutes'] });
    const body = { title: '排查辖区流浪儿童并护送返家', ownerOrganisationId: policeId, dueOn: '2099-04-30' };
    const made = await officer.request('POST', `/api/conference/meetings/${meeting.id}/action-items`, body, {
      'idempotency-key': 'item-police-0001',
    });
    expect(made.status).toBe(201);
    policeItem = await json<Item>(made);
    expect(policeItem).toMatchObject({ status: 'open', clock: { state: 'running' }, allowedSteps: ['cancel'] });
    const retried = await officer.request('POST', `/api/conference/meetings/${meeting.id}/action-items`, body, {
      'idempotency-key': 'item-police-0001',
    });
    expect((await json<Item>(retried)).id).toBe(policeItem.id);
    ownItem = await json<Item>(
      await officer.request('POST', `/api/conference/meetings/${meeting.id}/action-items`, {
        title: '补齐岑河镇儿童主任配备',
        ownerOrganisationId: civilAffairsId,
        dueOn: '2099-05-31',
      }),
    );
    const items = await server.database.db.selectFrom('conference_action_items').select('id').execute();
    expect(items).toHaveLength(2);
    const outsider = await officer.request('POST', `/api/conference/meetings/${meeting.id}/action-items`, {
      title: 'x',
      ownerOrganisationId: (await make.organisationNamed('gonganPolice')).id,
      dueOn: '2099-04-30',
    });
    expect((await errorOf(outsider)).code).toBe('conference.not_member');
  });

  it('the owner department sees its item in my work; another department cannot close it (403); stale refused', async () => {
    const work = await json<{ actionItems: { actionItemId: string }[] }>(await police.request('GET', '/api/my-work'));
    expect(work.actionItems.map((i) => i.actionItemId)).toEqual([policeItem.id]);
    const mine = await json<{ items: Item[] }>(await police.request('GET', '/api/conference/action-items'));
    expect(mine.items).toEqual([expect.objectContaining({ id: policeItem.id, allowedSteps: ['done'] })]);

    const byOther = await police.request('POST', `/api/conference/action-items/${ownItem.id}/steps`, {
      expectedVersion: ownItem.version,
      step: 'done',
    });
    expect(byOther.status).toBe(403);
    expect((await errorOf(byOther)).code).toBe('conference.not_owner');
    const byProsecutor = await prosecutor.request('POST', `/api/conference/action-items/${policeItem.id}/steps`, {
      expectedVersion: 1,
      step: 'done',
    });
    expect([403, 404]).toContain(byProsecutor.status);

    const stale = await police.request('POST', `/api/conference/action-items/${policeItem.id}/steps`, {
      expectedVersion: 7,
      step: 'done',
    });
    expect(stale.status).toBe(409);
    const done = await police.request('POST', `/api/conference/action-items/${policeItem.id}/steps`, {
      expectedVersion: policeItem.version,
      step: 'done',
      note: '已排查 3 名，均已返家',
    });
    expect(done.status).toBe(200);
    expect(await json<Item>(done)).toMatchObject({ status: 'done', clock: { state: 'met' }, allowedSteps: [] });
    const twice = await police.request('POST', `/api/conference/action-items/${policeItem.id}/steps`, {
      expectedVersion: policeItem.version + 1,
      step: 'done',
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('conference.item_closed');
    expect((await json<{ actionItems: unknown[] }>(await police.request('GET', '/api/my-work'))).actionItems).toEqual(
      [],
    );
  });

  it('exports its minutes as a PDF with the Chinese font and as an .xlsx with Chinese headers, each audited', async () => {
    const pdf = await officer.request('GET', `/api/conference/meetings/${meeting.id}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text).toMatch(/NotoSansSC/);
    expect(text).toContain('/FontFile2');
    // The text extracts: the font's ToUnicode map carries 纪 (U+7EAA) and 要 (U+8981) of 会议纪要.
    const maps = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
      .map((m) => {
        try {
          return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
        } catch {
          return '';
        }
      })
      .filter((s) => s.includes('begincmap'));
    expect(maps.join('\n').toLowerCase()).toMatch(/<7eaa>/);
    expect(maps.join('\n').toLowerCase()).toMatch(/<8981>/);

    const xlsx = await officer.request('GET', `/api/conference/meetings/${meeting.id}/minutes.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const decisions = workbook.getWorksheet('议定事项')!;
    expect(decisions.getRow(1).values).toEqual([undefined, '序号', '事项', '责任单位', '完成期限', '办理状态']);
    expect(decisions.getRow(2).getCell(2).value).toBe('排查辖区流浪儿童并护送返家');
    expect(decisions.getRow(2).getCell(5).value).toBe('已办结');
    expect(workbook.getWorksheet('议题')!.getRow(2).getCell(2).value).toEqual(expect.stringContaining('定期随访'));

    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'conference.minutes_export')
      .execute();
    expect(audited.map((a) => (a.details as { format: string }).format).sort()).toEqual(['pdf', 'xlsx']);
  });
});

describe('member departments of a conference', () => {
  it('are the lead agency and the departments of the place; the lead agency adds one, nobody else may', async () => {
    const members = async (session: ApiSession) =>
      json<{ mayManage: boolean; members: { organisationId: string; source: string }[] }>(
        await session.request('GET', `/api/conference/members/${places.shashi}`),
      );
    const before = await members(officer);
    expect(before.mayManage).toBe(true);
    expect(before.members).toEqual([
      expect.objectContaining({ organisationId: civilAffairsId, source: 'lead_agency' }),
      expect.objectContaining({ organisationId: policeId, source: 'default' }),
    ]);
    const school = (await make.organisationNamed('school')).id;
    const byGongan = await gongan.request('POST', `/api/conference/members/${places.shashi}`, {
      organisationId: school,
    });
    expect(byGongan.status).toBe(403);
    const added = await officer.request('POST', `/api/conference/members/${places.shashi}`, { organisationId: school });
    expect(added.status).toBe(200);
    expect((await members(police)).members).toEqual(
      expect.arrayContaining([expect.objectContaining({ organisationId: school, source: 'added' })]),
    );
    const twice = await officer.request('POST', `/api/conference/members/${places.shashi}`, { organisationId: school });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('conference.already_member');
    const lead = await officer.request('DELETE', `/api/conference/members/${places.shashi}/${civilAffairsId}`);
    expect((await errorOf(lead)).code).toBe('conference.member_default');
    expect((await officer.request('DELETE', `/api/conference/members/${places.shashi}/${school}`)).status).toBe(200);
    expect((await members(officer)).members.map((m) => m.organisationId)).not.toContain(school);
    // A township is not a place that convenes a conference.
    const township = await officer.request('GET', `/api/conference/members/${places.cenhe}`);
    expect(township.status).toBe(400);
    expect((await errorOf(township)).code).toBe('conference.division_level');
  });
});
