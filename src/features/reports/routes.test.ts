import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, type ApiSession } from '../../../test/support/session.js';

let server: TestServer;
let hotline: ApiSession;
let make: Factories;
// The roster's people, made by the factories (no demo); each signs in once, then keeps the session.
const sessions = new Map<string, Promise<ApiSession>>();
const signInAs = (url: string, name: string): Promise<ApiSession> => {
  let session = sessions.get(name);
  if (!session) sessions.set(name, (session = make.signInAs(url, name)));
  return session;
};
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // A small attachment limit for this place, so the over-limit case needs no megabytes.
  await server.database.db
    .insertInto('rule_sets')
    .values({
      scope_code: '421000000000',
      version: 1,
      valid_from: '2020-01-01',
      rules: JSON.stringify({ reports: { attachmentMaxBytes: 2048 } }),
    })
    .execute();
  // 陈龙村's receivers: police and civil affairs of 沙市区, 岑河镇, 陈龙村.
  await make.cast('police.shashi', 'officer.shashi', 'supervisor.cenhe', 'director.chenlong');
  hotline = await signInAs(server.url, 'hotline.12338');
  // The school's earlier report, which a case now works (its outcome below is "in progress").
  const school = await make.as('reporter.school');
  const earlier = await make.report(school, {
    channel: 'mandated',
    knewAt: new Date(Date.now() - 3_600_000).toISOString(),
    situations: [4],
    unknownChild: '五年级学生',
  });
  const child = await make.child({ residenceCode: places.chenlong });
  await make.openCase(await make.as('officer.shashi'), { reportIds: [earlier.id], childId: child.id });
}, 120_000);
afterAll(async () => server.close());

const { chenlong } = places;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]).toString(
  'base64',
);
const hotlineReport = (extra: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  line: '12338',
  caller: { anonymous: false, name: '刘大姐', relationship: '邻居', callbackPhone: '13972100009' },
  situations: [6],
  description: '两个孩子独自在家，两天没吃饭',
  unknownChild: '陈龙村三组两名儿童',
  divisionCode: chenlong,
  immediateDanger: true,
  ...extra,
});

interface ReportView {
  refNo: string;
  reporter: { name?: string } | null;
  recipients: { organisationName: string; role: string; dueAt: string; acknowledgedAt: string | null }[];
  canAcknowledge: boolean;
  attachments: { mediaType: string }[];
}

describe('reports come in', () => {
  let reportId: string;
  it('a hotline report is routed to police, civil affairs, township and village, each with a one-hour clock', async () => {
    const response = await hotline.request(
      'POST',
      '/api/reports',
      hotlineReport({ attachments: [{ fileName: 'photo.png', contentBase64: png }] }),
      { 'idempotency-key': 'hotline-call-0001' },
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; refNo: string };
    expect(body.refNo).toMatch(/^R-\d{4}-\d{6}$/);
    reportId = body.id;
    const police = await signInAs(server.url, 'police.shashi');
    const view = (await (await police.request('GET', `/api/reports/${reportId}`)).json()) as ReportView;
    expect(view.recipients.map((r) => `${r.role}:${r.organisationName}`)).toEqual([
      'police:荆州市公安局沙市区分局',
      'civil_affairs:荆州市沙市区民政局',
      'township:沙市区岑河镇人民政府',
      'village:岑河镇陈龙村村民委员会',
    ]);
    const minutes = (new Date(view.recipients[0]!.dueAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(view.attachments.map((a) => a.mediaType)).toEqual(['image/png']);
  });

  it('a double submit with the same key records once', async () => {
    const again = await hotline.request(
      'POST',
      '/api/reports',
      hotlineReport({ attachments: [{ fileName: 'photo.png', contentBase64: png }] }),
      { 'idempotency-key': 'hotline-call-0001' },
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(reportId);
    const count = await server.database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('description', '=', '两个孩子独自在家，两天没吃饭')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('only police and civil affairs see who reported; the village, the township and outsiders do not', async () => {
    const reporterSeenBy = async (username: string) => {
      const session = await signInAs(server.url, username);
      const response = await session.request('GET', `/api/reports/${reportId}`);
      return response.status === 200 ? ((await response.json()) as ReportView).reporter : response.status;
    };
    expect(await reporterSeenBy('police.shashi')).toMatchObject({ name: '刘大姐', phone: '13972100009' });
    expect(await reporterSeenBy('officer.shashi')).toMatchObject({ name: '刘大姐' });
    expect(await reporterSeenBy('director.chenlong')).toBeNull();
    expect(await reporterSeenBy('supervisor.cenhe')).toBeNull();
    expect(await reporterSeenBy('officer.gongan')).toBe(404);
    expect(await reporterSeenBy('socialworker')).toBe(404);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'report.submit')
      .where('entity_id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).not.toContain('刘大姐');
  });

  it('each receiver acknowledges; it leaves their work list', async () => {
    const director = await signInAs(server.url, 'director.chenlong');
    const before = (await (await director.request('GET', '/api/my-work')).json()) as {
      reportsToAcknowledge: { reportId: string }[];
    };
    expect(before.reportsToAcknowledge.map((r) => r.reportId)).toContain(reportId);
    const ack = await director.request('POST', `/api/reports/${reportId}/acknowledge`);
    expect(ack.status).toBe(200);
    const answer = (await ack.json()) as { late: boolean; acknowledgedAt: string };
    expect(answer.late).toBe(false);
    // Once only: acknowledging again answers when it was acknowledged and records nothing more.
    const again = await director.request('POST', `/api/reports/${reportId}/acknowledge`);
    expect(await again.json()).toEqual(answer);
    const log = await server.database.db
      .selectFrom('report_recipient_actions as a')
      .innerJoin('report_recipients as rr', 'rr.id', 'a.recipient_id')
      .select(['a.seq', 'a.type', 'a.status_after', 'a.payload', 'rr.seq as version'])
      .where('rr.report_id', '=', reportId)
      .where('rr.role', '=', 'village')
      .execute();
    expect(log).toEqual([
      { seq: 1, type: 'acknowledge', status_after: 'acknowledged', payload: { late: false }, version: 1 },
    ]);
    const after = (await (await director.request('GET', '/api/my-work')).json()) as {
      reportsToAcknowledge: { reportId: string }[];
    };
    expect(after.reportsToAcknowledge.map((r) => r.reportId)).not.toContain(reportId);
    const state = await server.database.db
      .selectFrom('clocks')
      .innerJoin('report_recipients as rr', 'rr.id', 'clocks.subject_id')
      .select('clocks.state')
      .where('rr.report_id', '=', reportId)
      .where('rr.role', '=', 'village')
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('met');
    const outsider = await signInAs(server.url, 'officer.gongan');
    expect((await outsider.request('POST', `/api/reports/${reportId}/acknowledge`)).status).toBe(404);
  });

  it('refuses disguised and over-limit attachments with a clear 4xx, recording nothing', async () => {
    const exe = Buffer.from('MZ\x90\x00\x03 pretend executable').toString('base64');
    const disguised = await hotline.request(
      'POST',
      '/api/reports',
      hotlineReport({ attachments: [{ fileName: 'photo.jpg', contentBase64: exe }] }),
    );
    expect(disguised.status).toBe(415);
    const error = await errorOf(disguised);
    expect(error.code).toBe('reports.attachment_type');
    expect(error.message).toContain('photo.jpg');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096)]).toString('base64');
    const tooLarge = await hotline.request(
      'POST',
      '/api/reports',
      hotlineReport({ attachments: [{ fileName: 'scan.pdf', contentBase64: big }] }),
      { 'accept-language': 'en' },
    );
    expect(tooLarge.status).toBe(413);
    expect((await errorOf(tooLarge)).message).toContain('over the limit of 2048 bytes');
    const count = await server.database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('description', '=', '两个孩子独自在家，两天没吃饭')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('the public report page', () => {
  it('refuses a report with no place or no description, with a clear message', async () => {
    const noPlace = await fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ situations: [9], description: '有孩子在桥下乞讨' }),
    });
    expect(noPlace.status).toBe(400);
    const error = await errorOf(noPlace);
    expect(error.code).toBe('reports.public_location_required');
    expect(error.message).toContain('孩子在哪里');
    const noText = await fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ situations: [9], divisionCode: chenlong }),
    });
    expect((await errorOf(noText)).message).toContain('Describe what happened');
  });

  it('lets anyone find the place by name without signing in', async () => {
    const found = (await (
      await fetch(`${server.url}/api/public/divisions?q=${encodeURIComponent('陈龙村')}`)
    ).json()) as { items: { code: string; path: string }[] };
    expect(found.items[0]).toMatchObject({ code: chenlong });
    expect(found.items[0]!.path).toContain('岑河镇');
  });

  it('takes an anonymous report without sign-in and returns only a reference number to follow up', async () => {
    const response = await fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ situations: [8], description: '桥下有孩子被大人带着乞讨', divisionCode: chenlong }),
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { refNo: string; followUpCode: string };
    expect(Object.keys(receipt).sort()).toEqual(['followUpCode', 'refNo']);
    const wrong = await fetch(`${server.url}/api/public/reports/${receipt.refNo}?code=WRONGCODE`);
    expect(wrong.status).toBe(404);
    const status = (await (
      await fetch(`${server.url}/api/public/reports/${receipt.refNo}?code=${receipt.followUpCode}`)
    ).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ refNo: receipt.refNo, acknowledged: false, stage: 'received' });
    expect(Object.keys(status).sort()).toEqual(['acknowledged', 'receivedAt', 'refNo', 'stage']);
    const row = await server.database.db
      .selectFrom('reports')
      .select(['reporter', 'created_by'])
      .where('ref_no', '=', receipt.refNo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reporter: { anonymous: true }, created_by: null });
  });
});

describe('mandated reporters', () => {
  it('record when they knew; compliance shows the delay per organisation; the reporter sees the outcome', async () => {
    const school = await signInAs(server.url, 'reporter.school');
    const knewAt = new Date(Date.now() - 5 * 3_600_000).toISOString();
    const response = await school.request('POST', '/api/reports', {
      channel: 'mandated',
      knewAt,
      situations: [4],
      description: '学生身上多处淤青',
      unknownChild: '四年级学生',
      divisionCode: chenlong,
      immediateDanger: false,
    });
    expect(response.status).toBe(201);
    const { refNo } = (await response.json()) as { refNo: string };
    const officer = await signInAs(server.url, 'officer.shashi');
    const compliance = (await (await officer.request('GET', '/api/reports/compliance')).json()) as {
      items: { organisationName: string; reports: number; maxDelayMinutes: number }[];
    };
    const row = compliance.items.find((r) => r.organisationName === '沙市区岑河镇中心小学');
    expect(row?.reports).toBe(2);
    expect(row!.maxDelayMinutes).toBeGreaterThanOrEqual(299);
    const outcomes = (await (await school.request('GET', '/api/reports/outcomes')).json()) as {
      items: { refNo: string; stage: string; caseStatus: string | null }[];
    };
    expect(outcomes.items.find((r) => r.refNo === refNo)).toMatchObject({ stage: 'received', caseStatus: null });
    // The school's earlier report has a case now: the school sees that it is in progress, and nothing about the child.
    expect(outcomes.items.find((r) => r.refNo !== refNo)).toMatchObject({
      stage: 'in_progress',
      caseStatus: 'reported',
    });
    // The mandated reporter's role reads no cases and no children.
    expect((await school.request('GET', '/api/cases')).status).toBe(403);
  });
});
