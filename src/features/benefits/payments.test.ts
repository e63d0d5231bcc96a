import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../contract/benefits/applications.js';
import type { PaymentRunView } from '../../contract/benefits/payments.js';
import { systemActor } from '../../platform/access/actor.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { publishRuleSet } from '../rule-sets/service.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
const children: Record<'adopted' | 'toppedUp' | 'suspended', TestChild> = {} as never;
const applications: Record<string, ApplicationView> = {};

/** An application received, verified and approved by the county officer on the dates on the paper. */
async function approved(
  session: ApiSession,
  child: TestChild,
  benefitType: string,
  receivedOn: string,
  approvedOn: string,
): Promise<ApplicationView> {
  const created = await session.request('POST', '/api/benefits/applications', {
    childId: child.id,
    benefitType,
    receivedOn,
    applicantKind: 'guardian',
    applicantName: '陈老汉',
    documents: ['application_form'],
  });
  expect(created.status, await created.clone().text()).toBe(201);
  let view = (await created.json()) as ApplicationView;
  for (const step of [
    { type: 'verify', occurredOn: receivedOn, findings: '经比对属实', recommendation: 'approve' },
    { type: 'approve', occurredOn: approvedOn },
  ]) {
    const response = await session.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      ...step,
      expectedSeq: view.seq,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    view = (await response.json()) as ApplicationView;
  }
  return view;
}

async function run(session: ApiSession, county: string, month: string, status = 201): Promise<PaymentRunView> {
  const response = await session.request(
    'POST',
    '/api/benefits/payment-runs',
    { county, month },
    { 'accept-language': 'en' },
  );
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as PaymentRunView;
}

const linesOf = (view: PaymentRunView, childId: string) =>
  view.lines
    .filter((l) => l.childId === childId)
    .map((l) => ({ benefitType: l.benefitType, forMonth: l.forMonth, amountFen: l.amountFen, offsetFen: l.offsetFen }));

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  children.adopted = await make.child({ residenceCode: places.chenlong });
  children.toppedUp = await make.child({ residenceCode: places.shakou });
  children.suspended = await make.child({ residenceCode: places.chenlong });
  applications.suspended = await approved(officer, children.suspended, '201', '2026-09-01', '2026-10-12');
  applications.dibao = await approved(
    officer,
    children.toppedUp,
    'local.dibao_child_addon',
    '2026-09-01',
    '2026-10-10',
  );
  applications.adopted = await approved(officer, children.adopted, '120', '2026-09-24', '2026-11-05');
  applications.toppedUp = await approved(officer, children.toppedUp, '120', '2026-10-08', '2026-11-05');
});
afterAll(async () => server.close());

describe('monthly payment runs per county', () => {
  it('November pays from the month after approval; run twice → the same run, nothing paid twice; amounts are integers in fen', async () => {
    const november = await run(officer, places.shashi, '2026-11');
    expect(november).toMatchObject({ runNo: 'FF421002-202611', month: '2026-11', created: true });
    expect(linesOf(november, children.suspended.id)).toEqual([
      { benefitType: '201', forMonth: '2026-11', amountFen: 130_000, offsetFen: 0 },
    ]);
    expect(linesOf(november, children.toppedUp.id)).toEqual([
      { benefitType: 'local.dibao_child_addon', forMonth: '2026-11', amountFen: 15_000, offsetFen: 0 },
    ]);
    // Approved on 5 November: paid from December.
    expect(linesOf(november, children.adopted.id)).toEqual([]);
    expect(november.changes.every((c) => c.change === 'new' && c.reason === 'first_run')).toBe(true);
    for (const line of november.lines) {
      expect(Number.isInteger(line.amountFen)).toBe(true);
      expect(Number.isInteger(line.standardFen)).toBe(true);
    }
    expect(Number.isInteger(november.totalFen)).toBe(true);

    const [again, concurrent] = await Promise.all([
      run(officer, places.shashi, '2026-11', 200),
      run(officer, places.shashi, '2026-11', 200),
    ]);
    expect(again.id).toBe(november.id);
    expect(concurrent.id).toBe(november.id);
    expect(again.totalFen).toBe(november.totalFen);
    const stored = await server.database.db
      .selectFrom('benefit_payment_lines')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('application_id', '=', applications.suspended!.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);
    // The database itself refuses a second payment of the same benefit and month.
    await expect(
      server.database.db
        .insertInto('benefit_payment_lines')
        .values({
          run_id: november.id,
          child_id: children.suspended.id,
          application_id: applications.suspended!.id,
          benefit_type: '201',
          national_category: '3',
          for_month: '2026-11-01',
          standard_fen: 130_000,
          offset_fen: 0,
          amount_fen: 130_000,
          arrears: false,
          rules_version: 'default',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('December: the new approval, the difference top-up over the lower benefit, a suspension explained', async () => {
    const suspend = await officer.request(
      'POST',
      `/api/benefits/applications/${applications.suspended!.id}/suspensions`,
      {
        fromMonth: '2026-12',
        reason: '监护人未按期报告儿童在校情况',
      },
    );
    expect(suspend.status, await suspend.clone().text()).toBe(201);
    const twice = await officer.request(
      'POST',
      `/api/benefits/applications/${applications.suspended!.id}/suspensions`,
      {
        fromMonth: '2027-01',
        reason: '重复',
      },
    );
    expect(twice.status).toBe(409);
    const suspendedView = (await (
      await officer.request('GET', `/api/benefits/applications/${applications.suspended!.id}`)
    ).json()) as ApplicationView;
    expect(suspendedView.suspensions).toEqual([
      expect.objectContaining({ fromMonth: '2026-12', reason: '监护人未按期报告儿童在校情况', resumeMonth: null }),
    ]);
    const december = await run(officer, places.shashi, '2026-12');
    expect(linesOf(december, children.adopted.id)).toEqual([
      { benefitType: '120', forMonth: '2026-12', amountFen: 130_000, offsetFen: 0 },
    ]);
    // Already on the 150-yuan dibao add-on: the 1,300-yuan allowance pays the difference.
    expect(linesOf(december, children.toppedUp.id)).toEqual(
      expect.arrayContaining([
        { benefitType: 'local.dibao_child_addon', forMonth: '2026-12', amountFen: 15_000, offsetFen: 0 },
        { benefitType: '120', forMonth: '2026-12', amountFen: 115_000, offsetFen: 15_000 },
      ]),
    );
    expect(linesOf(december, children.suspended.id)).toEqual([]);
    expect(december.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childId: children.adopted.id,
          change: 'new',
          reason: 'approved',
          amountFen: 130_000,
        }),
        expect.objectContaining({
          childId: children.toppedUp.id,
          benefitType: '120',
          change: 'new',
          reason: 'approved',
        }),
        expect.objectContaining({
          childId: children.suspended.id,
          change: 'ended',
          reason: 'suspended',
          previousFen: 130_000,
        }),
      ]),
    );
  });

  it('a child adopted drops out of the next month’s run; a lifted suspension pays the withheld month in arrears', async () => {
    const file = (await (await officer.request('GET', `/api/children/${children.adopted.id}`)).json()) as {
      version: number;
    };
    const exit = await officer.request('POST', `/api/children/${children.adopted.id}/exit`, {
      reason: 'adoption_in_province',
      exitedOn: '2026-12-03',
      version: file.version,
    });
    expect(exit.status, await exit.clone().text()).toBe(201);
    const [suspension] = await server.database.db
      .selectFrom('benefit_payment_suspensions')
      .select('id')
      .where('application_id', '=', applications.suspended!.id)
      .execute();
    const lift = await officer.request('POST', `/api/benefits/suspensions/${suspension!.id}/lift`, {
      resumeMonth: '2027-01',
      payArrears: true,
      note: '已补交在校证明',
    });
    expect(lift.status, await lift.clone().text()).toBe(200);
    const liftedView = (await (
      await officer.request('GET', `/api/benefits/applications/${applications.suspended!.id}`)
    ).json()) as ApplicationView;
    expect(liftedView.suspensions).toEqual([
      expect.objectContaining({
        fromMonth: '2026-12',
        resumeMonth: '2027-01',
        payArrears: true,
        liftNote: '已补交在校证明',
      }),
    ]);
    const january = await run(officer, places.shashi, '2027-01');
    expect(linesOf(january, children.adopted.id)).toEqual([]);
    expect(linesOf(january, children.suspended.id)).toEqual([
      { benefitType: '201', forMonth: '2026-12', amountFen: 130_000, offsetFen: 0 },
      { benefitType: '201', forMonth: '2027-01', amountFen: 130_000, offsetFen: 0 },
    ]);
    expect(january.arrearsFen).toBe(130_000);
    expect(january.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childId: children.adopted.id,
          change: 'ended',
          reason: 'exit',
          params: { endedOn: '2026-12-03', exitReason: 'adoption_in_province' },
        }),
        expect.objectContaining({
          childId: children.suspended.id,
          change: 'new',
          reason: 'resumed',
          amountFen: 260_000,
          params: expect.objectContaining({ arrearsMonths: ['2026-12'], arrearsFen: 130_000 }),
        }),
      ]),
    );
  });

  it('the .xlsx ledger parses back with Chinese headers, the national codes and fen; the download is audited', async () => {
    const list = (await (await officer.request('GET', '/api/benefits/payment-runs')).json()) as {
      items: { id: string; month: string }[];
    };
    expect(list.items.map((i) => i.month)).toEqual(['2027-01', '2026-12', '2026-11']);
    const december = list.items[1]!;
    const response = await officer.request('GET', `/api/benefits/payment-runs/${december.id}/ledger.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('FF421002-202612.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('发放明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        '儿童姓名',
        '身份证号',
        '国家类别代码',
        '保障项目代码',
        '发放金额（元）',
        '发放金额（分）',
      ]),
    );
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [] as { code: unknown; category: unknown; yuan: unknown; fen: unknown }[];
    sheet.eachRow((row, n) => {
      if (n > 1 && typeof row.getCell(col('保障项目代码')).value === 'string')
        rows.push({
          code: row.getCell(col('保障项目代码')).value,
          category: row.getCell(col('国家类别代码')).value,
          yuan: row.getCell(col('发放金额（元）')).value,
          fen: row.getCell(col('发放金额（分）')).value,
        });
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { code: '120', category: '5', yuan: 1300, fen: 130_000 },
        { code: '120', category: '5', yuan: 1150, fen: 115_000 },
      ]),
    );
    expect(rows.every((r) => Number.isInteger(r.fen))).toBe(true);
    const changes = workbook.getWorksheet('变动说明')!;
    expect((changes.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['变动类型', '变动原因']));
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', december.id)
      .where('action', '=', 'benefit_payment_run.download')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a county outside my jurisdiction → 404; a township code → 400; without benefits.pay → 403', async () => {
    const gongan = await make.signInAs(server.url, 'officer.gongan');
    const outside = await gongan.request('POST', '/api/benefits/payment-runs', {
      county: places.shashi,
      month: '2026-11',
    });
    expect(outside.status).toBe(404);
    const list = (await (await officer.request('GET', '/api/benefits/payment-runs')).json()) as {
      items: { id: string }[];
    };
    expect((await gongan.request('GET', `/api/benefits/payment-runs/${list.items[0]!.id}`)).status).toBe(404);
    expect((await gongan.request('GET', `/api/benefits/payment-runs/${list.items[0]!.id}/ledger.xlsx`)).status).toBe(
      404,
    );
    expect(
      ((await (await gongan.request('GET', '/api/benefits/payment-runs')).json()) as { total: number }).total,
    ).toBe(0);
    const township = await officer.request('POST', '/api/benefits/payment-runs', {
      county: places.cenhe,
      month: '2026-11',
    });
    expect(township.status).toBe(400);
    const director = await make.signInAs(server.url, 'director.chenlong');
    const refused = await director.request('POST', '/api/benefits/payment-runs', {
      county: places.shashi,
      month: '2026-11',
    });
    expect(refused.status).toBe(403);
  });

  it('a standard missing for a year → the run refuses, naming the benefit, the place and the year (zh-CN and English)', async () => {
    const jiangling = '421024000000';
    const village = await server.database.db
      .selectFrom('divisions')
      .select('code')
      .where('code', 'like', '421024%')
      .where('level', '=', 'village')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const child = await make.child({ residenceCode: village.code });
    const city = await make.signInAs(server.url, 'officer.city');
    await approved(city, child, '201', '2026-09-01', '2026-10-09');
    await publishRuleSet(server.database.db, systemActor('test'), {
      scopeCode: jiangling,
      validFrom: '2026-01-01',
      rules: { benefits: { standards: { '201': [{ from: '2027-01-01', monthlyFen: 140_000 }] } } },
    });
    const refused = await city.request('POST', '/api/benefits/payment-runs', { county: jiangling, month: '2026-11' });
    expect(refused.status).toBe(409);
    const zh = await errorOf(refused);
    expect(zh.code).toBe('benefits.standard_missing');
    expect(zh.message).toContain('江陵县');
    expect(zh.message).toContain('2026');
    expect(zh.message).toContain('201');
    const en = await errorOf(
      await city.request(
        'POST',
        '/api/benefits/payment-runs',
        { county: jiangling, month: '2026-11' },
        { 'accept-language': 'en' },
      ),
    );
    expect(en.message).toMatch(/201.*江陵县.*2026/);
    const runs = await server.database.db
      .selectFrom('benefit_payment_runs')
      .select('id')
      .where('division_code', '=', jiangling)
      .execute();
    expect(runs).toEqual([]);
  });
});
