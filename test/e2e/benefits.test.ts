import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../src/contract/benefits/applications.js';
import { renewalSweep } from '../../src/features/benefits/renewals.js';
import { applyForBenefitIn } from '../../src/features/benefits/service.js';
import { composeIdNumber } from '../../src/features/registry/id-number.js';
import { actorFor, loadUserAccount } from '../../src/platform/auth/load-actor.js';
import { unitOfWork } from '../../src/platform/db/unit-of-work.js';
import { startJobRunner } from '../../src/platform/jobs/worker.js';
import { loadFeatures } from '../../src/server.js';
import type { ApiSession } from '../support/session.js';
import { chooseOption, eventually } from './access-support.js';
import { switchLanguage } from './helpers.js';
import { apiAs, json, pageAs, useCasesSuite } from './helpers/cases-support.js';

// Classified security in money and time, in Chromium: the grandfather's application of Thu 2026-09-24
// and its township deadline, the county's approval on 2026-11-05, December's payment run and its
// .xlsx ledger, a January 2027 deadline settled by loading 2027's arrangement, an adopted child leaving
// the registry and next month's run, and an orphan over 18 in school renewed. What is not the point of
// a screen (registering children, the township's verification) is prepared through the API.

const suite = useCasesSuite();
const chenlong = '421002101201';

async function register(
  officer: ApiSession,
  name: string,
  birthDate: string,
  sex: 'male' | 'female',
  sequence: number,
  family: unknown[] = [],
  householdBenefits: string[] = [],
) {
  const body = {
    householdBenefits,
    name,
    sex,
    birthDate,
    idNumber: composeIdNumber('421002', birthDate, 2 * sequence + (sex === 'male' ? 1 : 0)),
    residenceCode: chenlong,
    hukouCode: chenlong,
    address: '陈龙村第三组',
    family,
    confirmedNotDuplicate: true,
  };
  return json<{ id: string; version: number }>(await officer.request('POST', '/api/children', body), 201);
}

async function applied(session: ApiSession, childId: string, benefitType: string, receivedOn: string) {
  const body = {
    childId,
    benefitType,
    receivedOn,
    applicantKind: 'guardian',
    applicantName: '陈老汉',
    applicantRelation: '祖父',
    documents: ['application_form', 'household_register'],
  };
  return json<ApplicationView>(await session.request('POST', '/api/benefits/applications', body), 201);
}

async function act(session: ApiSession, view: ApplicationView, body: Record<string, unknown>) {
  const path = `/api/benefits/applications/${view.id}/actions`;
  return json<ApplicationView>(await session.request('POST', path, { expectedSeq: view.seq, ...body }));
}

/** A date typed into the labelled antd picker, as a keyboard user does. */
async function typeDate(page: Page, label: string | RegExp, value: string, leaveWith = 'Enter'): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press(leaveWith);
}

/** Confirms a dialog, unless Enter in its only input (implicit submission) has submitted it already. */
async function confirm(dialog: Locator): Promise<void> {
  await Promise.race([
    dialog.waitFor({ state: 'hidden' }),
    dialog
      .locator('.ant-btn-primary')
      .click()
      .catch(() => undefined),
  ]);
}

/** Runs the county's month from the payments page; returns on the run's page. */
async function runMonth(page: Page, month: string): Promise<void> {
  await page.goto(`${suite.server.url}/benefits/payments`);
  // Tab, not Enter: Enter in the month field can send the form itself, racing the button's click.
  await typeDate(page, '发放月份', month, 'Tab');
  if (page.url().endsWith('/benefits/payments')) await page.getByRole('button', { name: '生成发放批次' }).click();
  await page.waitForURL(/\/benefits\/payments\/[^/]+$/);
  await page.getByText(`沙市区 · ${month}`).waitFor();
}

describe('benefits, payments, the calendar, exits and renewals', { timeout: 600_000 }, () => {
  it('a grandfather applies, the county approves, December is paid and ledgered; 2027 is loaded; an adopted child leaves; an orphan is renewed; payments suspended and resumed', async () => {
    const db = suite.server.database.db;
    const [officer, director, supervisor] = [
      await apiAs(suite, 'officer.shashi'),
      await apiAs(suite, 'director.chenlong'),
      await apiAs(suite, 'supervisor.cenhe'),
    ];
    // The child: father imprisoned, mother out of contact for nine months, raised by the grandfather.
    const grandson = await register(officer, '陈小军', '2016-05-12', 'male', 431, [
      {
        relation: 'father',
        name: '陈建国',
        isGuardian: false,
        situations: [{ kind: 'imprisoned', since: '2025-03-01', until: '2029-03-01' }],
      },
      { relation: 'mother', name: '李小红', isGuardian: false, situations: [{ kind: 'missing', since: '2025-12-20' }] },
      { relation: 'grandfather', name: '陈老汉', isGuardian: true },
    ]);
    const adopted = await register(officer, '吴佳怡', '2019-08-03', 'female', 432);
    const orphan = await register(officer, '周雨桐', '2009-01-20', 'female', 433);
    const later = await register(officer, '郑浩宇', '2014-02-17', 'male', 434);

    let application = await applied(director, grandson.id, '120', '2026-09-24');
    application = await act(supervisor, application, {
      type: 'verify',
      occurredOn: '2026-10-16',
      findings: '父亲服刑、母亲失联九个月，与户籍和司法数据比对属实；未公示',
      recommendation: 'approve',
    });
    for (const [child, type, received, approved] of [
      [adopted, '120', '2026-09-01', '2026-10-10'],
      [orphan, '201', '2026-03-02', '2026-03-20'],
    ] as const) {
      const view = await act(officer, await applied(officer, child.id, type, received), {
        type: 'verify',
        occurredOn: received,
        findings: '比对属实',
        recommendation: 'approve',
      });
      await act(officer, view, { type: 'approve', occurredOn: approved });
    }

    // The application shows the township deadline counted over Mid-Autumn, National Day and the working Saturday.
    const page = await pageAs(suite, 'officer.shashi', `/benefits/${application.id}`);
    const deadlines = page.getByRole('region', { name: '办理期限' });
    await deadlines.getByText('乡镇核实').waitFor();
    expect(await deadlines.innerText()).toContain('2026-10-22');
    await switchLanguage(page, 'en');
    const deadlinesEn = page.getByRole('region', { name: 'Deadlines' });
    await deadlinesEn.getByText('Township verification').waitFor();
    expect(await deadlinesEn.innerText()).toContain('2026-10-22');
    await switchLanguage(page, 'zh-CN');

    // The county approves on 2026-11-05 (the date on the paper): paid from December at the standard.
    await page.getByRole('button', { name: '批准', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await typeDate(page, /办理日期/, '2026-11-05');
    await confirm(dialog);
    await page.getByText('自 2026-12-01 起每月 ¥1300.00').waitFor();
    const approval = await json<ApplicationView>(
      await officer.request('GET', `/api/benefits/applications/${application.id}`),
    );
    expect(approval.log.at(-1)).toMatchObject({ type: 'approve' });
    expect(approval).toMatchObject({ status: 'approved', payFrom: '2026-12-01', monthlyFen: 130_000 });

    // December's run for 沙市区 pays him at the standard in force; the ledger opens with Chinese headers.
    await runMonth(page, '2026-12');
    const line = page.locator('.ant-table-row').filter({ hasText: '陈小军' }).filter({ hasText: '2026-12' });
    await line.first().waitFor();
    expect(await line.first().innerText()).toContain('¥1300.00');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载发放台账（.xlsx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^FF421002-202612.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('发放明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['儿童姓名', '国家类别代码', '保障项目代码', '发放金额（元）']));
    const names: unknown[] = [];
    sheet.eachRow((row) => names.push(row.getCell(header.indexOf('儿童姓名') + 1).value));
    expect(names).toContain('陈小军');

    // An application received on 21 December has its township deadline in January 2027: provisional
    // until the administrator loads 2027's arrangement. (Prepared at that date through the use case.)
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'director.chenlong')
      .executeTakeFirstOrThrow();
    const directorActor = actorFor((await loadUserAccount(db, user.id))!, {
      locale: 'zh-CN',
      ip: null,
      requestId: null,
    });
    const december21 = new Date(Math.max(Date.now(), Date.parse('2026-12-21T10:00:00+08:00')));
    const { result: januaryId } = await unitOfWork(db, directorActor, 'benefit_application.apply', (uow) =>
      applyForBenefitIn(
        uow,
        {
          childId: later.id,
          benefitType: '120',
          receivedOn: '2026-12-21',
          applicantKind: 'village_committee',
          applicantName: '陈龙村村民委员会',
          documents: ['application_form'],
        },
        december21,
      ),
    );
    await page.goto(`${suite.server.url}/benefits/${januaryId}`);
    await deadlines.getByText('暂定（节假日安排未公布）').waitFor();
    expect(await deadlines.innerText()).toMatch(/2027-01-\d\d/);

    const admin = await pageAs(suite, 'admin', '/benefits/calendar');
    await admin.getByLabel('年度').fill('2027');
    await admin
      .getByLabel('放假日期')
      .fill('2027-01-01 2027-01-02 2027-01-03\n2027-02-05 2027-02-06 2027-02-07 2027-02-08');
    await admin.getByLabel('调休上班日（周末）').fill('2027-02-14');
    await admin.getByLabel('依据（通知文号）').fill('国办发明电〔2026〕X号');
    await admin.getByRole('button', { name: '保存并重算暂定期限' }).click();
    // Answered once stored; the page follows the recompute job until the year's row says how many moved.
    await admin.getByText(/2027 年安排已保存，正在后台重算暂定期限/).waitFor();
    // The test server runs no jobs: until a runner picks the recompute up, the page shows it waiting.
    await admin.getByText(/正在重算 2027 年安排（第 \d+ 次录入）涉及的暂定期限：已完成 0\/32 批/).waitFor();
    expect(await admin.getByRole('button', { name: '保存并重算暂定期限' }).isDisabled()).toBe(true);
    const runner = startJobRunner(db, (await loadFeatures()).jobs, { pollMs: 200 });
    await admin
      .locator('.ant-table-row')
      .filter({ hasText: '管理员录入' })
      .filter({ hasText: '2027' })
      .filter({ hasText: /已重算 \d+ 个期限/ })
      .waitFor({ timeout: 120_000 });
    await expect.poll(() => admin.getByText(/正在重算 2027 年安排/).count(), { timeout: 30_000 }).toBe(0);
    await runner.stop();
    await admin.context().close();

    await page.reload();
    await deadlines.getByText('乡镇核实').waitFor();
    expect(await deadlines.innerText()).toContain('2027-01-12');
    expect(await deadlines.getByText('暂定（节假日安排未公布）').count()).toBe(0);

    // The adopted child leaves the registry with the reason, on her file.
    await page.goto(`${suite.server.url}/registry/${adopted.id}`);
    await page.getByRole('button', { name: '办理退出登记' }).click();
    const exitDialog = page.getByRole('dialog', { name: '办理退出登记' });
    await exitDialog.getByLabel('退出原因').click();
    await chooseOption(page, '省内收养');
    await exitDialog.getByLabel('备注').fill('经民政部门登记收养');
    // Under load the dialog was seen already sending (its button loading, then gone) before the click
    // landed: click while it is there and idle, and go on once it has closed.
    const sendExit = exitDialog.locator('.ant-btn-primary');
    await expect
      .poll(
        async () => {
          if (!(await exitDialog.isVisible())) return true;
          if (!((await sendExit.getAttribute('class')) ?? '').includes('ant-btn-loading'))
            await sendExit.click({ timeout: 5_000 }).catch(() => undefined);
          return !(await exitDialog.isVisible());
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    await page.getByText('该儿童已退出登记：省内收养').waitFor();

    // January's run: she drops out, the change explained with the reason; the others are still paid.
    await runMonth(page, '2027-01');
    const changes = page.locator('.ant-table-row').filter({ hasText: '吴佳怡' });
    await changes.first().waitFor();
    expect(await changes.count()).toBe(1);
    expect(await changes.first().innerText()).toMatch(/停发[\s\S]*儿童退出（省内收养，\d{4}-\d\d-\d\d）/);
    await page.locator('.ant-table-row').filter({ hasText: '陈小军' }).filter({ hasText: '2027-01' }).first().waitFor();
    await switchLanguage(page, 'en');
    await page.getByText(/Left the registry \(Adopted within the province, \d{4}-\d\d-\d\d\)/).waitFor();
    await switchLanguage(page, 'zh-CN');

    // The orphan turning 18 on 2027-01-20 is still at school: the sweep opens her renewal, the county renews it.
    await renewalSweep.run(db, new Date());
    await page.goto(`${suite.server.url}/benefits/renewals`);
    const renewal = page.locator('.ant-table-row').filter({ hasText: '周雨桐' });
    await renewal.getByText('即将满18周岁').waitFor();
    await renewal.getByRole('button', { name: '续发', exact: true }).click();
    const renewDialog = page.getByRole('dialog');
    await typeDate(page, '续发至', '2029-06-30');
    await renewDialog.getByLabel('就读学校').fill('荆州市职业技术学院');
    await renewDialog.locator('.ant-btn-primary').click();
    await renewal.getByText('已续发').waitFor();
    await eventually(async () => renewal.innerText()).toContain('2029-06-30');

    // The county suspends the grandson's payments from February and resumes them in March, with arrears.
    await page.goto(`${suite.server.url}/benefits/${application.id}`);
    const suspensions = page.getByRole('region', { name: '暂停发放' });
    await suspensions.getByRole('button', { name: '暂停发放' }).click();
    const suspendDialog = page.getByRole('dialog', { name: '暂停发放' });
    await typeDate(page, '自何月起暂停', '2027-02');
    await suspendDialog.getByLabel('原因').fill('监护人未按期报告儿童在校情况');
    await suspendDialog.locator('.ant-btn-primary').click();
    await suspensions.getByText('自 2027-02 起暂停发放：监护人未按期报告儿童在校情况').waitFor();
    await suspensions.getByRole('button', { name: '恢复发放' }).click();
    await typeDate(page, '自何月起恢复', '2027-03');
    await confirm(page.getByRole('dialog', { name: '恢复发放' }));
    await suspensions.getByText(/2027-02 起暂停.*2027-03 起恢复，暂停期间已补发/).waitFor();
    await page.context().close();
  });

  it('a death roll from public security (.xlsx): dry run, import, accepted on the file, and the benefit application it proposes', async () => {
    const officer = await apiAs(suite, 'officer.shashi');
    const fatherId = composeIdNumber('421002', '1983-08-08', 77);
    const child = await register(officer, '孙思远', '2017-04-11', 'male', 435, [
      { relation: 'father', name: '孙大伟', idNumber: fatherId, isGuardian: false },
      {
        relation: 'mother',
        name: '刘小梅',
        isGuardian: false,
        situations: [{ kind: 'imprisoned', since: '2025-06-01', until: '2030-06-01' }],
      },
      { relation: 'grandmother', name: '孙奶奶', isGuardian: true },
    ]);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('死亡注销');
    sheet.addRow(['死者姓名', '死者身份证号', '死亡日期']);
    sheet.addRow(['孙大伟', fatherId, '2026-10-05']);
    sheet.addRow(['无此人', composeIdNumber('421002', '1970-01-01', 5), '2026-10-06']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    const page = await pageAs(suite, 'officer.shashi', '/department-rolls');
    await page.getByLabel('来源部门').click();
    await chooseOption(page, '公安');
    await page.getByLabel('名单类型').click();
    await chooseOption(page, '死亡（户籍注销）名单（父母）');
    await typeDate(page, '名单截至日期', '2026-11-01');
    await page.getByLabel('选择文件').setInputFiles({
      name: '死亡注销名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.getByRole('button', { name: '试比对（不写入）' }).click();
    const dryRun = page.getByTestId('roll-dry-run');
    await dryRun.getByText('按表头自动识别的列读取，可修改。').waitFor();
    expect(await dryRun.innerText()).toMatch(/数据行\s*2/);
    await dryRun.getByRole('button', { name: '导入这 2 行并生成建议' }).click();
    await page.waitForURL(/\/department-rolls\/[^/]+$/);
    await page.locator('.ant-descriptions').getByText('死亡注销名单.xlsx').waitFor();
    await page.getByText('确定（身份证号） 1', { exact: true }).waitFor();
    expect(await page.getByText('第 3 行').count()).toBe(1);

    await page.goto(`${suite.server.url}/registry/${child.id}`);
    const proposals = page.getByTestId('fact-proposals');
    await proposals.getByText('父亲孙大伟死亡：2026-10-05').waitFor();
    await proposals.getByRole('button', { name: '采纳并写入档案' }).click();
    const apply = page.getByRole('dialog', { name: '据此发起待遇申请' });
    await apply.getByLabel('申请人姓名').fill('孙奶奶');
    await apply.getByRole('button', { name: '发起申请' }).click();
    await page.waitForURL(/\/benefits\/[^/]+$/);
    await page.getByRole('region', { name: '办理期限' }).getByText('乡镇核实').waitFor();
    const applications = await json<{ items: { childId: string; status: string }[] }>(
      await officer.request('GET', `/api/benefits/applications?childId=${child.id}`),
    );
    expect(applications.items.map((item) => item.status)).toContain('received');
    await page.context().close();
  });

  it('a 低保/特困 roll from social assistance: an entry accepted on the file opens the add-on; a household that left sends its add-on to the county, ended from my work on a phone in English', async () => {
    const officer = await apiAs(suite, 'officer.shashi');
    const entering = await register(officer, '郑小禾', '2016-09-09', 'female', 436);
    const leaving = await register(officer, '冯子涵', '2015-03-03', 'male', 437, [], ['dibao']);
    let addOn = await applied(officer, leaving.id, 'local.dibao_child_addon', '2026-11-02');
    addOn = await act(officer, addOn, {
      type: 'verify',
      occurredOn: '2026-11-04',
      findings: '在低保名册中',
      recommendation: 'approve',
    });
    await act(officer, addOn, { type: 'approve', occurredOn: '2026-11-09' });
    const rows = [
      ['保障对象姓名', '身份证号', '救助类别', '变动类型', '纳入日期', '退出日期'],
      ['郑小禾', composeIdNumber('421002', '2016-09-09', 872), '农村低保', '新增', '2026-10-01', ''],
      ['冯子涵', composeIdNumber('421002', '2015-03-03', 875), '农村低保', '停保', '', '2026-11-30'],
      ['无此人', composeIdNumber('421002', '2014-02-02', 9), '特困供养', '新增', '2026-10-01', ''],
    ];
    const query = new URLSearchParams({
      department: 'social_assistance',
      kind: 'dibao_tekun',
      asOf: '2026-11-30',
      fileName: '低保变动.csv',
    });
    const upload = await fetch(`${suite.server.url}/api/department-rolls?${query}`, {
      method: 'POST',
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrfToken,
        'content-type': 'application/octet-stream',
      },
      body: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8'),
    });
    const roll = await json<{ rows: number; matched: number; unmatched: number }>(upload, 201);
    expect(roll).toMatchObject({ rows: 3, matched: 2, unmatched: 1 });

    const page = await pageAs(suite, 'officer.shashi', `/registry/${entering.id}`);
    const proposals = page.getByTestId('fact-proposals');
    await proposals.getByText('家庭纳入低保：2026-10-01 起').waitFor();
    await proposals.getByRole('button', { name: '采纳并写入档案' }).click();
    await page.getByText(/已据此发起低保\/特困儿童附加补助申请：BZ2026-/).waitFor();
    const opened = await json<{ items: { benefitType: string; status: string }[] }>(
      await officer.request('GET', `/api/benefits/applications?childId=${entering.id}`),
    );
    expect(opened.items).toContainEqual(
      expect.objectContaining({ benefitType: 'local.dibao_child_addon', status: 'received' }),
    );
    await page.context().close();

    const [left] = await json<{ id: string; version: number; targetVersion: number }[]>(
      await officer.request('GET', `/api/children/${leaving.id}/fact-proposals`),
    );
    await json(
      await officer.request('POST', `/api/fact-proposals/${left!.id}/accept`, {
        version: left!.version,
        targetVersion: left!.targetVersion,
      }),
    );
    const phone = await pageAs(suite, 'officer.shashi', '/my-work', 'phone');
    await switchLanguage(phone, 'en');
    const section = phone.locator('section[aria-labelledby="haven-work-benefitReviews"]');
    await section.getByText('household left dibao/tekun').waitFor();
    await section.getByRole('link', { name: '冯子涵' }).click();
    await phone.waitForURL(new RegExp(`/benefits/${addOn.id}$`));
    const reviews = phone.getByRole('region', { name: 'Reviews' });
    await reviews.getByText(/Social assistance, "低保变动.csv" row 3/).waitFor();
    await reviews.getByRole('button', { name: 'Review', exact: true }).click();
    const dialog = phone.getByRole('dialog', { name: 'Review' });
    await dialog.getByLabel('Reasons').fill('The household left dibao on 30 November');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await reviews.getByText(/ended, paid through the month of/).waitFor();
    const ended = await json<ApplicationView>(await officer.request('GET', `/api/benefits/applications/${addOn.id}`));
    expect(ended.status).toBe('ended');
    await phone.context().close();
  });
});
