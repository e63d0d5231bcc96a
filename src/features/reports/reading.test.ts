import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import type { EarlierCall } from '../../contract/reports/reading.js';
import type { ReportView } from '../../contract/reports/views.js';

// Issue 14: a report drawer shows what the reader may see, wherever the report number appears. The
// server decides: these prove who reads which part, and who cannot.
let server: TestServer;
let make: Factories;
const sessions = new Map<string, Promise<ApiSession>>();
const as = (name: string) => sessions.get(name) ?? sessions.set(name, make.signInAs(server.url, name)).get(name)!;
let reportId: string;
const callback = '13972100009';
const address = '岑河镇陈龙村三组 12 号东头';

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // The receivers exist before the call, so it is routed to each of them.
  await make.cast('police.shashi', 'officer.shashi', 'supervisor.cenhe', 'director.chenlong', 'hotline.12338');
  const response = await (await as('hotline.12338')).request('POST', '/api/reports', {
    channel: 'hotline',
    line: '12338',
    caller: { anonymous: false, name: '刘大姐', relationship: '邻居', callbackPhone: callback },
    situations: [6],
    description: '两个孩子独自在家，两天没吃饭',
    unknownChild: '陈龙村三组两名儿童，约七八岁',
    divisionCode: places.chenlong,
    address,
    immediateDanger: true,
  });
  expect(response.status).toBe(201);
  reportId = ((await response.json()) as { id: string }).id;
}, 120_000);
afterAll(async () => server.close());

async function read(name: string): Promise<ReportView | number> {
  const response = await (await as(name)).request('GET', `/api/reports/${reportId}`);
  return response.status === 200 ? ((await response.json()) as ReportView) : response.status;
}

describe('the report as each reader may see it', () => {
  it('every reader reads the narrative and the unknown child; the place and callback number in full only with children.unmask or as the author', async () => {
    const seen: Record<string, unknown> = {};
    for (const name of ['hotline.12338', 'police.shashi', 'officer.shashi', 'supervisor.cenhe', 'director.chenlong']) {
      const view = await read(name);
      if (typeof view === 'number') throw new Error(`${name} got ${view}`);
      expect(view.description).toBe('两个孩子独自在家，两天没吃饭');
      expect(view.unknownChild).toBe('陈龙村三组两名儿童，约七八岁');
      seen[name] = { address: view.address, phone: view.reporter?.phone ?? null, masked: view.masked };
    }
    const full = { address, phone: callback, masked: { address: false, reporterPhone: false, reporter: false } };
    const maskedAddress = expect.stringMatching(/^岑河镇陈龙.*\*{4}$/);
    expect(seen).toEqual({
      // The operator who took the call reads back what was said.
      'hotline.12338': full,
      // Police and civil affairs receivers call back: they see who called, in full (both hold children.unmask).
      'police.shashi': full,
      'officer.shashi': full,
      // Township and village receivers do not see who reported (rule set), and without children.unmask the house is hidden.
      'supervisor.cenhe': {
        address: maskedAddress,
        phone: null,
        masked: { address: true, reporterPhone: false, reporter: true },
      },
      'director.chenlong': {
        address: maskedAddress,
        phone: null,
        masked: { address: true, reporterPhone: false, reporter: true },
      },
    });
  });

  it('who cannot open it at all: another county, a social worker before the case, an analyst, a teacher who did not write it', async () => {
    await make.cast('officer.gongan', 'socialworker', 'analyst', 'reporter.school');
    expect(await read('officer.gongan')).toBe(404);
    expect(await read('socialworker')).toBe(404);
    expect(await read('reporter.school')).toBe(404);
    expect(await read('analyst')).toBe(403);
  });

  it('a case worker reads it through the case without the reporter or the house; everyone sees how far it got', async () => {
    const before = await read('hotline.12338');
    expect(before).toMatchObject({ progress: { stage: 'received', acknowledgedCount: 0, caseStatus: null } });
    expect((await (await as('police.shashi')).request('POST', `/api/reports/${reportId}/acknowledge`, {})).status).toBe(
      200,
    );
    expect(await read('hotline.12338')).toMatchObject({ progress: { stage: 'in_progress', acknowledgedCount: 1 } });
    const officer = await make.as('officer.shashi');
    const socialWork = await make.organisationNamed('socialWorkA');
    const child = await make.child({ residenceCode: places.chenlong });
    await make.openCase(officer, { reportIds: [reportId], childId: child.id, participantIds: [socialWork.id] });
    const view = await read('socialworker');
    if (typeof view === 'number') throw new Error(`socialworker got ${view}`);
    expect(view.description).toBe('两个孩子独自在家，两天没吃饭');
    expect(view.reporter).toBeNull();
    expect(view.address).not.toBe(address);
    expect(view.masked).toEqual({ address: true, reporterPhone: false, reporter: true });
    expect(view.canAcknowledge).toBe(false);
    expect(view.progress).toMatchObject({ stage: 'in_progress', caseStatus: 'reported' });
  });
});

describe('earlier calls from the same number', () => {
  const lookUp = async (session: ApiSession, phone: string) => {
    const response = await session.request('GET', `/api/reports/earlier-calls?phone=${encodeURIComponent(phone)}`);
    const body = (await response.json()) as { items: EarlierCall[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body.items;
  };

  it('the next operator of the same hotline sees the call (not its narrative); another centre finds nothing, a teacher may not ask', async () => {
    const centre = await make.organisationNamed('womensFederation');
    const colleague = await make.signedIn(server.url, 'hotline_operator', { organisation: centre });
    const calls = await lookUp(colleague, '139-7210-0009');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: reportId, situations: [6], immediateDanger: true, readable: false });
    expect(Object.keys(calls[0]!).sort()).toEqual([
      'id',
      'immediateDanger',
      'progress',
      'readable',
      'refNo',
      'reportedAt',
      'situations',
    ]);
    expect(await lookUp(await as('hotline.12338'), callback)).toMatchObject([{ id: reportId, readable: true }]);
    // A teacher submits reports but takes no calls: the look-up by number is not theirs to make.
    expect(
      (await (await as('reporter.school')).request('GET', `/api/reports/earlier-calls?phone=${callback}`)).status,
    ).toBe(403);
    const elsewhere = await make.signedIn(server.url, 'hotline_operator', {
      organisation: await make.organisation({ kind: 'youth_league' }),
    });
    expect(await lookUp(elsewhere, callback)).toEqual([]);
    expect(await lookUp(colleague, '13900000000')).toEqual([]);
    // Roles that take no reports cannot ask.
    expect((await (await as('analyst')).request('GET', `/api/reports/earlier-calls?phone=${callback}`)).status).toBe(
      403,
    );
  });

  it('the look-up is audited with what it found, never with the number', async () => {
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'reports.earlier_calls')
      .execute();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(JSON.stringify(entry.details)).not.toContain('7210');
  });
});
