import { describe, expect, it } from 'vitest';
import { jingzhou } from '../../src/demo/jingzhou-organisations.js';
import { loadFeatures } from '../../src/server.js';
import { registerSweep, runSweeps } from '../../src/platform/jobs/sweeps.js';
import { capture, chooseOption, eventually, heading } from './access-support.js';
import { expectNoAxeViolations, screenshot, tick } from './helpers.js';
import {
  apiAs,
  confirmAction,
  json,
  logOverflow,
  pageAs,
  startAction,
  useCasesSuite,
} from './helpers/cases-support.js';

// Issue 5's "done when", in Chromium: a hotline operator logs a report; police and civil affairs
// acknowledge it; the case goes through emergency handling, assessment, a plan, a guardianship
// intervention and a closure a supervisor approves; a sweep as of two weeks later shows the missed
// clocks escalated to the right people. Every new page photographed in both languages at 1280 and
// 390 px and scanned with axe.

const suite = useCasesSuite();
const childName = '欧阳晓雯';
const en = (language: string) => language === 'en';
// Filled in as the journey goes: each step below continues from the one before.
let refNo = '';
let caseId = '';

describe('the four-step case workflow', { timeout: 600_000 }, () => {
  it('public page: no sign-in, clear errors when the place and the description are missing; linked from the sign-in page', async () => {
    const page = await pageAs(suite, 'hotline.12338', '/report');
    await page.context().clearCookies();
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('link', { name: '没有账号？举报侵害未成年人线索' }).click();
    await heading(page, '举报侵害未成年人线索').waitFor();
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.getByText('请描述发生了什么（谁、何时、在哪里、看到或听到了什么），否则无法核实').waitFor();
    await page.getByText('请选择发生地点所在的乡镇或村（社区），否则无法送达当地处理').waitFor();
    // The server says the same when the page is bypassed, and never shows a child back.
    const refused = await fetch(`${suite.server.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ situations: [6], description: '有个孩子一直没人管' }),
    });
    expect(refused.status).toBe(400);
    await capture(page, 'cases-public-report', {
      ready: async (language) => {
        await logOverflow(page);
        return heading(page, en(language) ? 'Report harm to a child' : '举报侵害未成年人线索').waitFor();
      },
    });
    await page.context().close();
  });

  it('a hotline operator logs a call from the keyboard and sees the reference number and where it went', async () => {
    // A child registered in 陈龙村 by the county officer, with no case yet.
    const officerApi = await apiAs(suite, 'officer.shashi');
    await json(
      await officerApi.request('POST', '/api/children', {
        residenceCode: jingzhou.chenlong,
        name: childName,
        birthDate: '2017-06-01',
        sex: 'female',
      }),
      201,
    );

    // The call type is focused first; Alt keys tick the danger and the situations.
    const hotline = await pageAs(suite, 'hotline.12338', '/reports/hotline');
    await heading(hotline, '热线受理').waitFor();
    await eventually(() => hotline.evaluate('document.activeElement?.closest(".ant-radio-group") !== null')).toBe(true);
    await capture(hotline, 'cases-hotline', {
      ready: async (language) => {
        await logOverflow(hotline);
        return heading(hotline, en(language) ? 'Hotline console' : '热线受理').waitFor();
      },
    });
    await hotline.keyboard.press('Alt+D');
    await hotline.keyboard.press('Alt+6');
    await hotline.getByLabel('来电人姓名').fill('刘大姐');
    await hotline.getByLabel('回拨电话').fill('13972100009');
    await hotline.getByLabel('与儿童的关系').fill('邻居');
    await chooseOption(hotline, '邻居');
    await hotline.getByLabel('情况描述').fill('邻居家孩子独自在家两天，没有饭吃，一直在哭。');
    await hotline.getByRole('combobox', { name: '查找行政区划' }).fill('陈龙');
    await chooseOption(hotline, /陈龙村/);
    await hotline.getByLabel('详细地址').fill('岑河镇陈龙村二组 8 号');
    // The city's hotline sees no child's file by place: describing the child is already chosen.
    await eventually(() => hotline.getByRole('radio', { name: '身份不明 / 档案中没有' }).isChecked()).toBe(true);
    await hotline.getByLabel('儿童描述').fill(`${childName}，女，约 9 岁，陈龙村二组`);
    expect(await hotline.getByRole('checkbox', { name: /被遗弃或长期无人照料/ }).isChecked()).toBe(true);
    expect(await hotline.getByRole('radio', { name: '是，现在有危险' }).isChecked()).toBe(true);
    await hotline.getByLabel('情况描述').focus();
    await hotline.keyboard.press('Control+Enter');
    refNo = (await hotline.getByTestId('report-ref').innerText()).trim();
    expect(refNo).toMatch(/^R-\d{4}-\d{6}$/);
    const routedTo = await hotline.locator('.haven-result-recipients li').allInnerTexts();
    expect(routedTo.join('\n')).toMatch(/公安/);
    expect(routedTo.join('\n')).toMatch(/民政/);
    await capture(hotline, 'cases-hotline-sent', {
      ready: async (language) => {
        await logOverflow(hotline);
        return hotline.getByText(en(language) ? 'Report sent' : '报告已提交').waitFor();
      },
    });
    await hotline.context().close();
  });

  it('the hotline console starts from describing the child, and so does every new call (a hotline sees no child by place)', async () => {
    const hotline = await pageAs(suite, 'hotline.12338', '/reports/hotline');
    await heading(hotline, '热线受理').waitFor();
    const describeChild = hotline.getByRole('radio', { name: '身份不明 / 档案中没有' });
    await eventually(() => describeChild.isChecked()).toBe(true);
    expect(await hotline.getByRole('combobox', { name: /查找儿童/ }).count()).toBe(0);
    await hotline.getByText('在儿童档案中查找').click();
    await hotline.getByRole('combobox', { name: /查找儿童/ }).waitFor();
    await hotline.getByRole('button', { name: /新来电/ }).click();
    await eventually(() => describeChild.isChecked()).toBe(true);
    await hotline.getByLabel('儿童描述').waitFor();
    await screenshot(hotline, 'cases-hotline-new-call');
    await hotline.context().close();
  });

  it('a call about a place with no police (a 洪湖市 village): saved, and the operator is warned where it went and that no police got it', async () => {
    const hotline = await pageAs(suite, 'hotline.12338', '/reports/hotline');
    await heading(hotline, '热线受理').waitFor();
    await eventually(() => hotline.evaluate('document.activeElement?.closest(".ant-radio-group") !== null')).toBe(true);
    await hotline.keyboard.press('Alt+D');
    await hotline.keyboard.press('Alt+6');
    await hotline.keyboard.press('Alt+A');
    await hotline.getByLabel('情况描述').fill('孩子在村口独自游荡，无人照看。');
    await hotline.getByRole('combobox', { name: '查找行政区划' }).fill('洪湖市');
    await chooseOption(hotline, /洪湖市/);
    await hotline.getByLabel('儿童描述').fill('男孩，约 7 岁');
    await hotline.getByLabel('情况描述').focus();
    await hotline.keyboard.press('Control+Enter');
    await hotline.getByTestId('report-ref').waitFor();
    const warning = hotline.getByRole('alert').filter({ hasText: '派送不完整' });
    await warning.getByText(/没有公安机关/).waitFor();
    expect(await warning.innerText()).toContain('荆州市民政局');
    await capture(hotline, 'cases-hotline-no-police', {
      ready: async (language) => {
        // The result's heading takes the focus and scrolls it under the sticky header; the checks read the page from the top.
        await hotline.evaluate('window.scrollTo(0, 0)');
        await logOverflow(hotline);
        return hotline
          .getByText(en(language) ? 'could not reach every receiver' : '派送不完整', { exact: false })
          .waitFor();
      },
    });
    await hotline.context().close();
  });

  it('police and civil affairs see it in "my work" and acknowledge it; the officer opens a case', async () => {
    const police = await pageAs(suite, 'police.shashi', '/my-work');
    await heading(police, '我的待办').waitFor();
    await police.getByRole('button', { name: `确认收到报告 ${refNo}` }).click();
    // Acknowledging is a legal act: it asks first (issue 14).
    await police
      .getByRole('dialog')
      .filter({ hasText: `确认收到报告 ${refNo}？` })
      .getByRole('button', { name: '确认收到' })
      .click();
    await police.getByText(`已确认收到报告 ${refNo}`).waitFor();
    await police.context().close();

    const officer = await pageAs(suite, 'officer.shashi', '/my-work');
    await officer.getByRole('button', { name: `确认收到报告 ${refNo}` }).waitFor();
    await capture(officer, 'cases-my-work-officer', {
      ready: async (language) => {
        await logOverflow(officer);
        return heading(officer, en(language) ? 'My work' : '我的待办').waitFor();
      },
    });
    await officer.getByRole('button', { name: `确认收到报告 ${refNo}` }).click();
    // Acknowledging is a legal act: it asks first (issue 14).
    await officer
      .getByRole('dialog')
      .filter({ hasText: `确认收到报告 ${refNo}？` })
      .getByRole('button', { name: '确认收到' })
      .click();
    await officer.getByText(`已确认收到报告 ${refNo}`).waitFor();

    // 3. The officer opens a case from the report.
    await officer.goto(`${suite.server.url}/reports/inbox`);
    await officer.getByRole('button', { name: `为报告 ${refNo} 立案` }).click();
    await officer.getByRole('dialog').getByText('邻居家孩子独自在家两天').waitFor();
    await officer.getByRole('dialog').getByLabel('哪名儿童').fill('欧阳');
    await chooseOption(officer, childName);
    await officer.getByRole('dialog').getByRole('button', { name: '立案' }).click();
    await officer.locator('.haven-case-header').getByText(childName).waitFor();
    caseId = officer.url().split('/').pop() ?? '';
    await officer.context().close();
  });

  it('the case: emergency handling, assessment with a risk grade, a plan, a refused stale action, temporary guardianship, closure requested', async () => {
    const officerApi = await apiAs(suite, 'officer.shashi');
    const officer = await pageAs(suite, 'officer.shashi', `/cases/${caseId}`);
    await officer.locator('.haven-case-header').getByText(childName).waitFor();

    await startAction(officer, '确认接收');
    await confirmAction(officer, '确认接收');

    // Emergency handling.
    await startAction(officer, '应急处置');
    const drawer = officer.locator('.ant-drawer-content');
    await drawer.getByLabel('到场人员').fill('赵国栋\n孙丽');
    await drawer.locator('#action-emergency_response_childSafe').getByText('是').click();
    // Clicked again while it is not ticked: on a loaded machine the drawer's form was seen to settle
    // (draft and defaults) just after the first click and drop it; a person would tick it again.
    const orderedBack = drawer.getByRole('checkbox', { name: '责令父母返回' });
    await eventually(async () => {
      if (!(await orderedBack.isChecked())) await orderedBack.click();
      return orderedBack.isChecked();
    }).toBe(true);
    await tick(drawer.getByRole('checkbox', { name: '护送至亲属处' }));
    await drawer.locator('#action-emergency_response_townshipNotified').getByText('是').click();
    await confirmAction(officer, '应急处置');

    // Assessment: six sections scored; the grade shows in the header.
    await startAction(officer, '评估');
    const scores = {
      safety: 3,
      guardianship_capacity: 3,
      physical_health: 1,
      mental_health: 2,
      education: 1,
      living_conditions: 2,
    };
    for (const [section, score] of Object.entries(scores))
      await drawer.locator(`#action-assessment_scores_${section}`).getByText(String(score), { exact: true }).click();
    await drawer.getByText('中高风险（黄）').waitFor();
    await screenshot(officer, 'cases-assessment-zh-CN-1280');
    await expectNoAxeViolations(officer, '.ant-drawer');
    await confirmAction(officer, '评估');
    await officer.locator('.haven-case-header').getByText('中高风险（黄）').waitFor();

    // Assistance plan.
    await startAction(officer, '帮扶计划');
    await drawer.getByLabel('目标', { exact: true }).fill('恢复稳定照料');
    await drawer.getByLabel('服务内容').fill('临时生活救助\n家庭教育指导');
    await drawer.getByLabel('责任单位').fill('民政');
    await chooseOption(officer, /沙市区民政局/);
    await drawer.getByLabel('完成期限').click();
    await officer.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').click();
    await confirmAction(officer, '帮扶计划');

    // A second officer acts first: this page's next action is refused with the status and what is allowed.
    const seq = (await json<{ seq: number }>(await officerApi.request('GET', `/api/cases/${caseId}`))).seq;
    await json(
      await officerApi.request('POST', `/api/cases/${caseId}/actions`, {
        type: 'case_conference',
        expectedSeq: seq,
        heldOn: new Date().toISOString().slice(0, 10),
        participants: ['沙市区民政局', '岑河镇人民政府'],
        decisions: ['申请临时监护'],
      }),
    );
    await startAction(officer, '个案会商');
    await officer.getByRole('dialog').getByLabel('参加人员（单位、姓名）').fill('沙市区民政局');
    await officer.getByRole('dialog').getByLabel('会商决定').fill('重复会商');
    await officer.getByRole('dialog').getByRole('button', { name: '记录个案会商' }).click();
    await officer.getByText('操作未执行：个案已有变化').waitFor();
    await officer.getByText('页面已刷新为最新情况，请确认后再操作。').waitFor();
    await eventually(() => officer.locator('.haven-case-timeline li strong', { hasText: '个案会商' }).count()).toBe(1);
    await capture(officer, 'cases-case-conflict', {
      ready: async (language) => {
        await logOverflow(officer);
        return officer
          .getByText(en(language) ? 'Not recorded: the case has changed' : '操作未执行：个案已有变化')
          .waitFor();
      },
    });

    // Guardianship intervention: temporary state guardianship on one of the seven grounds, with the placement.
    await startAction(officer, '监护干预');
    await drawer.getByText('国家临时监护').click();
    await drawer.getByText('监护人拒绝或怠于履行监护职责，导致未成年人处于无人照料状态').click();
    await drawer.getByLabel('安置方式').click();
    await chooseOption(officer, '儿童福利院');
    // A welfare home placement names the institution (its beds and its access follow from it).
    await drawer.getByLabel('安置机构', { exact: true }).fill('儿童福利院');
    await chooseOption(officer, '荆州市儿童福利院');
    await drawer.getByLabel('安置地点').fill('荆州市儿童福利院');
    await drawer.getByLabel('安置原因').fill('父母长期外出不归，无人照料');
    await confirmAction(officer, '监护干预');

    // Closure needs a reason and a supervisor's approval.
    await startAction(officer, '申请结案');
    await officer.getByRole('dialog').getByLabel('理由').fill('已由国家临时监护，生活稳定');
    await officer.getByRole('dialog').getByLabel('处理结果').fill('儿童已安置于福利院，监护到位');
    await confirmAction(officer, '申请结案');
    await officer.locator('.haven-case-header').getByText('待审批结案').waitFor();
    await capture(officer, 'cases-case', {
      ready: async (language) => {
        await logOverflow(officer);
        return officer
          .locator('.haven-case-header')
          .getByText(en(language) ? 'Closure requested' : '待审批结案')
          .waitFor();
      },
    });
    await officer.context().close();
  });

  it('a sweep as of two weeks later, while the closure waits, escalates the copies never acknowledged to the village director and the township supervisor', async () => {
    // Two weeks later the township's and the village's unacknowledged copies have escalated.
    const asOf = new Date(Date.now() + 14 * 24 * 3600_000);
    for (const sweep of (await loadFeatures()).sweeps) registerSweep(sweep);
    expect(await runSweeps(suite.server.database.db, asOf)).not.toBe('busy');
    const director = await pageAs(suite, 'director.chenlong', '/my-work', 'phone');
    await heading(director, '我的待办').waitFor();
    await director.locator('#haven-work-alerts ~ ul li', { hasText: refNo }).first().waitFor();
    expect(await director.locator('#haven-work-alerts ~ ul li', { hasText: refNo }).first().innerText()).toMatch(
      /督办/,
    );
    await capture(director, 'cases-my-work-director', {
      ready: async (language) => {
        await logOverflow(director);
        return heading(director, en(language) ? 'My work' : '我的待办').waitFor();
      },
    });
    await director.context().close();
    const township = await pageAs(suite, 'supervisor.cenhe', '/my-work');
    await township
      .locator('#haven-work-alerts ~ ul li', { hasText: refNo })
      .filter({ hasText: '儿童督导员' })
      .first()
      .waitFor();
    await township.context().close();
  });

  it('a supervisor approves the closure; a closed case offers only reopening', async () => {
    const supervisor = await pageAs(suite, 'supervisor.cenhe', `/cases/${caseId}`);
    await startAction(supervisor, '批准结案');
    await confirmAction(supervisor, '批准结案');
    await supervisor.locator('.haven-case-header').getByText('已结案').waitFor();
    // Only what the server allows now: a closed case can be reopened, nothing else.
    expect(await supervisor.locator('.haven-case-actions button').allInnerTexts()).toEqual(['重新开案']);
    await supervisor.context().close();
  });

  // The other new pages, one test each: together they were one journey too long for a loaded machine.
  for (const [name, path, title] of [
    ['cases-inbox', '/reports/inbox', { en: 'Reports received', 'zh-CN': '收到的报告' }],
    ['cases-list', '/cases', { en: 'Cases', 'zh-CN': '个案' }],
    ['cases-compliance', '/reports/compliance', { en: 'Reporting compliance', 'zh-CN': '报告履责情况' }],
  ] as const) {
    it(`the officer's other new page ${path}: a table in both languages and both widths`, async () => {
      const officer = await pageAs(suite, 'officer.shashi', path);
      await officer.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await capture(officer, name, { ready: (language) => heading(officer, title[language]).waitFor() });
      await officer.context().close();
    });
  }

  it('a mandated reporter’s “my reports” and the form it links to', async () => {
    const school = await pageAs(suite, 'reporter.school', '/reports');
    await school.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await capture(school, 'cases-my-reports', {
      ready: (language) => heading(school, en(language) ? 'Mandatory reports' : '强制报告').waitFor(),
    });
    await school.getByRole('link', { name: '填写强制报告' }).click();
    await capture(school, 'cases-new-report', {
      ready: (language) => heading(school, en(language) ? 'New mandatory report' : '填写强制报告').waitFor(),
    });
    await school.context().close();
  });
});
