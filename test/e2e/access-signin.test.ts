import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { signInAs } from '../support/session.js';
import {
  allDemoChildren,
  capture,
  chenlongChildren,
  chooseOption,
  enterPassword,
  enterTotp,
  eventually,
  heading,
  menuEntries,
  navigation,
  signInOnPage,
  tableNames,
  useSuite,
} from './access-support.js';
import { expectNoAxeViolations, openPage, resize, screenshot } from './helpers.js';

// Signing in, and what each person then sees, in a real browser against the real server and the
// Jingzhou demo: a village director with an authenticator code (her village's children, masked),
// an analyst (counts, never names, no registry), an auditor who finds the director's sign-ins and
// whose session ends under her, and a new account's first sign-in (authenticator enrolment,
// recovery codes, the temporary password replaced). Every page in Chinese and English at 1280 and
// 390 px, scanned with axe.

const suite = useSuite();

describe('signing in', { timeout: 600_000 }, () => {
  it('a village director signs in with an authenticator code and sees only her village’s children, masked', async () => {
    const page = await openPage(suite.browser, { viewport: 'desktop', language: 'zh-CN', baseUrl: suite.server.url });
    // Unauthenticated: sent to sign in, and back to the registry afterwards.
    await page.goto(`${suite.server.url}/registry`);
    await heading(page, '登录').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await enterPassword(page, 'director.chenlong');

    await heading(page, '输入动态验证码').waitFor();
    const code = page.getByLabel('6 位验证码');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await capture(page, 'signin-totp', {
      ready: (language) =>
        heading(page, language === 'en' ? 'Enter your verification code' : '输入动态验证码').waitFor(),
    });

    // A wrong code is explained next to the field, in the server's words.
    await code.fill('000000');
    await page.getByRole('button', { name: '验证' }).click();
    await page.getByText('动态验证码不正确').waitFor();
    // The recovery-code alternative takes letters.
    await page.getByRole('button', { name: '改用恢复码' }).click();
    expect(await page.getByLabel('恢复码').getAttribute('inputmode')).toBeNull();
    await page.getByRole('button', { name: '改用验证器中的验证码' }).click();

    await enterTotp(page, 'director.chenlong');
    await heading(page, '儿童档案').waitFor();
    expect(new URL(page.url()).pathname).toBe('/registry');
    expect(await tableNames(page)).toEqual(expect.arrayContaining(chenlongChildren));
    expect((await tableNames(page)).sort()).toEqual([...chenlongChildren].sort());
    const ids = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^\d{4}\*+\d{3}[\dX]$/);

    // Header: who and where; menu: only what a village director may use.
    await page.locator('.haven-account-button').getByText('李桂兰').waitFor();
    await page.locator('.haven-account-button').getByText('岑河镇陈龙村村民委员会').waitFor();
    expect(await menuEntries(page)).toEqual([
      '工作台',
      '我的待办',
      '转介',
      '入户随访',
      '家庭监护能力评估',
      '儿童档案',
      '强制报告',
      '收到的报告',
      '个案',
      '个案协作',
      '检察建议',
      '保障金申请',
      '保障金发放',
      '超龄在校续发',
      '家庭户',
      '组织机构',
    ]);

    await capture(page, 'registry', {
      ready: async (language) => {
        await heading(page, language === 'en' ? "Children's registry" : '儿童档案').waitFor();
        await page.getByRole('link', { name: '李小雨' }).first().waitFor();
      },
    });

    // The file: masked, and no "show full" for a role without children.unmask.
    await page.getByRole('link', { name: '李小雨', exact: true }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('岑河镇陈龙村三组').or(drawer.getByText('湖北省荆州市岑****')).first().waitFor();
    await drawer.getByText('已脱敏').waitFor();
    expect(await drawer.getByRole('button', { name: '显示完整信息' }).count()).toBe(0);
    await capture(page, 'registry-child', {
      ready: (language) => drawer.getByText(language === 'en' ? 'Masked' : '已脱敏').waitFor(),
      axeWithin: '.ant-drawer',
    });
    await drawer.getByRole('button', { name: '关闭' }).click();

    // Search by name.
    await page.getByLabel('姓名').fill('明轩');
    await page.getByRole('button', { name: '搜索' }).click();
    await eventually(() => tableNames(page)).toEqual(['李明轩']);

    // The account menu on a phone: name, organisation, both ways out.
    await resize(page, 'phone');
    await page.locator('.haven-account-button').click();
    const accountMenu = page.getByRole('menu');
    await accountMenu.getByText('退出登录').waitFor();
    await accountMenu.getByText('在所有设备退出').waitFor();
    await screenshot(page, 'account-menu-zh-CN-390');
    await expectNoAxeViolations(page, '.ant-dropdown');
    await accountMenu.getByText('退出登录').click();
    await heading(page, '登录').waitFor();
    await page.getByText('您已退出登录。').waitFor();
    await page.context().close();
  });

  it('an analyst sees counts by division, "<5" for small ones, and no child at all', async () => {
    const page = await signInOnPage(suite, 'analyst');
    await heading(page, '工作台').waitFor();
    expect(await menuEntries(page)).toEqual([
      '工作台',
      '报告履责情况',
      '安置与床位',
      '政府购买服务',
      '社会组织覆盖',
      '慈善、志愿与家庭支持',
      '组织机构',
      '服务职责矩阵',
      '五个问题',
      '统计分析',
      '分类与风险统计',
    ]);
    await navigation(page).getByRole('link', { name: '统计分析' }).click();
    await heading(page, '统计分析').waitFor();
    await page.getByText('荆州市合计：').waitFor();
    await page.getByRole('cell', { name: '沙市区' }).waitFor();
    expect(await page.locator('.haven-suppressed').count()).toBeGreaterThan(0);
    const text = await page.locator('main').innerText();
    for (const name of allDemoChildren) expect(text).not.toContain(name);
    await capture(page, 'insight', {
      ready: async (language) => {
        await heading(page, language === 'en' ? 'Insight' : '统计分析').waitFor();
        await page
          .getByText(language === 'en' ? 'Counts only: nothing about any child' : '这里只有人数，没有任何儿童的信息')
          .waitFor();
      },
    });

    // One level down: the townships of 沙市区.
    await page.getByRole('button', { name: '沙市区' }).click();
    await page.getByText('沙市区合计：').waitFor();
    await page.getByRole('button', { name: '岑河镇' }).waitFor();

    // No registry in the menu, and the address alone does not open it.
    await page.goto(`${suite.server.url}/registry`);
    await heading(page, '无权访问').waitFor();
    await screenshot(page, 'no-access-zh-CN-1280');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('an auditor finds the director’s sign-ins, exports them, and is sent back to sign in when the session ends', async () => {
    const page = await signInOnPage(suite, 'auditor');
    await heading(page, '工作台').waitFor();
    expect(await menuEntries(page)).toEqual(['工作台', '组织机构', '用户管理', '审计日志']);
    await navigation(page).getByRole('link', { name: '审计日志' }).click();
    await heading(page, '审计日志').waitFor();
    await page.getByLabel('操作人').fill('李桂兰');
    // Actions are chosen by their name; the code stays behind the words.
    await page.getByLabel('操作类型').fill('登录（密码）');
    await chooseOption(page, '登录（密码）');
    await page.getByRole('button', { name: '搜索' }).click();
    await eventually(async () => {
      const rows = await page.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts();
      return rows.length > 0 && rows.every((row) => row.includes('李桂兰 (sign-in)') && row.includes('登录（密码）'));
    }).toBe(true);
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth.sign_in');
    await capture(page, 'audit', {
      ready: async (language) => {
        await heading(page, language === 'en' ? 'Audit log' : '审计日志').waitFor();
        await page.getByRole('button', { name: language === 'en' ? 'Export to Excel' : '导出 Excel' }).waitFor();
      },
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^haven-audit-.*\.xlsx$/);

    // Signed out everywhere from another device: the next request answers 401.
    const elsewhere = await signInAs(suite.server.url, 'auditor');
    expect((await elsewhere.request('POST', '/api/auth/logout?everywhere=true')).status).toBe(204);
    await navigation(page).getByRole('link', { name: '用户管理' }).click();
    await heading(page, '登录').waitFor();
    await page.getByText('登录已结束').waitFor();
    await screenshot(page, 'signin-session-ended-zh-CN-1280');
    await expectNoAxeViolations(page);
    await enterPassword(page, 'auditor');
    await heading(page, '用户管理').waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await page.context().close();
  });

  // Three people in turn (administrator, approving officer, the new account's owner): a longer budget.
  it('an administrator creates an account; its owner enrols an authenticator, saves recovery codes and sets a password', {
    timeout: 900_000,
  }, async () => {
    const page = await signInOnPage(suite, 'admin', { path: '/users' });
    await heading(page, '用户管理').waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await capture(page, 'users', {
      ready: async (language) => {
        await heading(page, language === 'en' ? 'Users' : '用户管理').waitFor();
        await page.getByRole('button', { name: language === 'en' ? 'New' : '新增' }).waitFor();
      },
    });

    await page.getByRole('button', { name: '新增' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('用户名').fill('director.test');
    await modal.getByLabel('姓名').fill('测试主任');
    await modal.getByLabel('所属单位').fill('陈龙');
    await chooseOption(page, '岑河镇陈龙村村民委员会');
    await modal.getByLabel('角色').click();
    await page.keyboard.type('儿童主任');
    await chooseOption(page, '村（居）儿童主任');
    await page.keyboard.press('Escape');
    await modal.getByRole('combobox', { name: '查找行政区划' }).fill('陈龙');
    await chooseOption(page, /陈龙村/);
    await eventually(() => modal.locator('.haven-division-cascader').innerText()).toContain('陈龙村');
    await screenshot(page, 'users-create-zh-CN-1280');
    await expectNoAxeViolations(page, '.ant-modal-wrap');
    await modal.getByRole('button', { name: '保存' }).click();

    const password = await page.getByTestId('one-time-password').innerText();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await page.getByText('临时密码只显示这一次').waitFor();
    // The village director's role reads children's files: it waits for a second person.
    await page.getByText('须由另一名有审批权限的人员批准后才生效：村（居）儿童主任').waitFor();
    await screenshot(page, 'users-one-time-zh-CN-1280');
    await expectNoAxeViolations(page, '.ant-modal-wrap');
    await page.getByRole('button', { name: '我已记下' }).click();
    // The requester sees the request but cannot approve it.
    await page.getByRole('heading', { name: '待审批的授权（1）', level: 2 }).waitFor();
    await page.getByText('本人提出，须由他人审批').waitFor();
    expect(await page.getByRole('button', { name: '批准授予测试主任“村（居）儿童主任”' }).count()).toBe(0);
    await page.context().close();

    // The district's civil affairs officer approves it.
    const approver = await signInOnPage(suite, 'officer.shashi', { path: '/users', totp: true });
    await approver.getByRole('heading', { name: '待审批的授权（1）', level: 2 }).waitFor();
    await approver.getByRole('button', { name: '批准授予测试主任“村（居）儿童主任”' }).waitFor();
    await screenshot(approver, 'users-pending-grants-zh-CN-1280');
    await expectNoAxeViolations(approver, '.haven-pending-grants');
    await approver.getByRole('button', { name: '批准授予测试主任“村（居）儿童主任”' }).click();
    await approver.getByRole('dialog').getByRole('button', { name: '批准' }).click();
    await approver.getByText('已批准授予测试主任“村（居）儿童主任”').waitFor();
    await approver.getByRole('heading', { name: '待审批的授权（1）', level: 2 }).waitFor({ state: 'detached' });
    await approver.context().close();

    // The new account's first sign-in: authenticator, recovery codes, new password.
    const owner = await openPage(suite.browser, { viewport: 'desktop', language: 'zh-CN', baseUrl: suite.server.url });
    await owner.goto(`${suite.server.url}/login`);
    await enterPassword(owner, 'director.test', password);
    await heading(owner, '绑定身份验证器').waitFor();
    const secretText = owner.locator('.haven-secret-text code');
    await secretText.waitFor();
    expect(await secretText.innerText()).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await owner.getByRole('img', { name: '身份验证器二维码' }).waitFor();
    await capture(owner, 'signin-enrol', {
      ready: (language) => heading(owner, language === 'en' ? 'Set up an authenticator' : '绑定身份验证器').waitFor(),
    });

    const secret = (await secretText.innerText()).replace(/\s/g, '');
    await owner.getByLabel('6 位验证码').fill(await generate({ secret }));
    await owner.getByRole('button', { name: '完成绑定' }).click();
    await heading(owner, '保存恢复码').waitFor();
    expect(await owner.locator('.haven-recovery-codes li').count()).toBe(10);
    const continueButton = owner.getByRole('button', { name: '继续' });
    expect(await continueButton.isDisabled()).toBe(true);
    await capture(owner, 'signin-recovery-codes', {
      ready: (language) => heading(owner, language === 'en' ? 'Save your recovery codes' : '保存恢复码').waitFor(),
    });
    await owner.getByText('我已妥善保存这些恢复码').click();
    await continueButton.click();

    await heading(owner, '设置新密码').waitFor();
    await owner.getByLabel('当前密码（临时密码）').fill(password);
    await owner.getByLabel('新密码', { exact: true }).fill('director.test2026');
    await owner.getByLabel('再次输入新密码').fill('director.test2026');
    await owner.getByRole('button', { name: '保存新密码' }).click();
    // The server's rules, each next to the field.
    await owner.getByText('不能包含用户名、姓名或手机号', { exact: true }).waitFor();
    await capture(owner, 'signin-password-change', {
      ready: async (language) => {
        await heading(owner, language === 'en' ? 'Choose a new password' : '设置新密码').waitFor();
        // The problems come from the server in the language of the request: ask again in English.
        const englishProblem = owner.getByText('must not contain the username, name or phone number', { exact: true });
        if (language === 'en' && !(await englishProblem.isVisible())) {
          await owner.getByRole('button', { name: 'Save new password' }).click();
          await englishProblem.waitFor();
        }
      },
    });
    await owner.getByLabel('新密码', { exact: true }).fill('Lotus pond by the levee, 2026');
    await owner.getByLabel('再次输入新密码').fill('Lotus pond by the levee, 2026');
    await owner.getByRole('button', { name: '保存新密码' }).click();
    await heading(owner, '工作台').waitFor();
    expect(await menuEntries(owner)).toEqual([
      '工作台',
      '我的待办',
      '转介',
      '入户随访',
      '家庭监护能力评估',
      '儿童档案',
      '强制报告',
      '收到的报告',
      '个案',
      '个案协作',
      '检察建议',
      '保障金申请',
      '保障金发放',
      '超龄在校续发',
      '家庭户',
      '组织机构',
    ]);
    await owner.context().close();
  });
});
