import { describe, expect, it } from 'vitest';
import { capture, chooseOption, eventually, heading, signInOnPage, tableNames } from './access-support.js';
import { expectNoAxeViolations, screenshot } from './helpers.js';
import { signInAs } from '../support/session.js';
import { buildLedger, ledgerGoodRows, selectOption, useRegistrySuite } from './helpers/registry-support.js';

// Issue 4, "Done when": a village director finds a child by pinyin initials and opens the file with
// its ID masked; a county officer imports a township ledger (title rows, mixed dates, a column
// mapped by hand), reads the dry-run problems, commits, re-imports without new children, registers
// a child the registry suspects it already has, and merges the pair from the review queue. Every
// new page in Chinese and English at 1280 and 390 px, with axe.

const suite = useRegistrySuite();
const maskedId = /^\d{4}\*+\d{3}[\dX]$/;
// Steps whose English and phone layouts only reflow the Chinese desktop one: axe once, there.
const axeOnce = { axe: (language: string, viewport: string) => language === 'zh-CN' && viewport === 'desktop' };

describe('the registry', { timeout: 900_000 }, () => {
  it('a village director finds a child by pinyin initials and sees the file with the ID masked', async () => {
    const page = await signInOnPage(suite, 'director.chenlong', { path: '/registry', totp: true });
    await heading(page, '儿童档案').waitFor();
    // Typing is enough: the search runs after a pause.
    await page.getByLabel('姓名、拼音、身份证号或电话').fill('lxy');
    await eventually(() => tableNames(page)).toEqual(['李小雨']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('lxy');
    await capture(page, 'registry-list', {
      ready: async (language) => {
        await heading(page, language === 'en' ? "Children's registry" : '儿童档案').waitFor();
        await page
          .getByRole('link', { name: /李小雨/ })
          .first()
          .waitFor();
      },
    });

    await page.getByRole('link', { name: '查看李小雨的档案' }).click();
    await heading(page, '儿童档案详情').waitFor();
    const header = page.locator('.haven-file-header');
    await header.getByText('李小雨').waitFor();
    expect(await header.locator('.haven-code').first().innerText()).toMatch(maskedId);
    await header.getByText('已脱敏').waitFor();
    expect(await page.getByRole('button', { name: '显示完整信息' }).count()).toBe(0);
    await capture(page, 'registry-file', {
      ready: async (language) => {
        await heading(page, language === 'en' ? "Child's file" : '儿童档案详情').waitFor();
        await page.getByRole('tab', { name: language === 'en' ? 'Identity' : '基本信息' }).waitFor();
      },
    });
    for (const [tab, name] of [
      [/^家庭成员/, 'family'],
      ['分类保障', 'categories'],
      ['时间线', 'timeline'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      // Loaded: the pane shows its content, not the spinner.
      await eventually(() => page.locator('.ant-tabs-tabpane-active .ant-spin').count()).toBe(0);
      await screenshot(page, `registry-file-${name}-zh-CN-1280`);
      await expectNoAxeViolations(page, '.haven-file-body');
    }
    await page.context().close();
  });

  it('a county officer imports a ledger, re-imports it without new children, and merges a duplicate', async () => {
    const page = await signInOnPage(suite, 'officer.shashi', { path: '/registry', totp: true });
    await heading(page, '儿童档案').waitFor();
    const before = (await tableNames(page)).length;
    const ledger = await buildLedger();

    const send = async () => {
      await page.getByLabel('台账文件').setInputFiles({
        name: '岑河镇困境儿童台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: ledger,
      });
      await page.getByRole('button', { name: '上传并识别' }).click();
    };
    const upload = async () => {
      await send();
      await page.getByRole('button', { name: '试导入' }).waitFor();
      // The birthday column's header is not one Haven knows: the officer maps it by hand.
      await page.getByText(/以下列没有对应字段，不会导入：A [^、]*序号、E 生日（公历）。/).waitFor();
      await selectOption(page, /生日（公历）/, '出生日期');
      // The column mapped by hand is no longer listed as ignored; 序号 still is.
      await page.getByText(/以下列没有对应字段，不会导入：A [^、]*序号。/).waitFor();
      expect(await page.getByLabel('表头所在行').inputValue()).toBe('3');
    };

    await page.getByRole('button', { name: '导入' }).click();
    await heading(page, '导入台账').waitFor();
    await capture(page, 'registry-import-upload', {
      ...axeOnce,
      ready: (language) => heading(page, language === 'en' ? 'Import a ledger' : '导入台账').waitFor(),
    });
    await upload();
    await capture(page, 'registry-import-mapping', {
      ready: (language) => page.getByRole('button', { name: language === 'en' ? 'Dry run' : '试导入' }).waitFor(),
    });

    await page.getByRole('button', { name: '试导入' }).click();
    await page.getByRole('heading', { name: /问题清单/ }).waitFor();
    await page.getByText(/以下列没有对应字段，未检查、不会导入：A [^、]*序号。/).waitFor();
    const problems = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => problems.count()).toBeGreaterThanOrEqual(4);
    const problemText = await page.locator('.ant-table-tbody').innerText();
    expect(problemText).toContain('校验位');
    for (const row of ['8', '9', '10', '11'])
      expect(await problems.locator('td:first-child').allInnerTexts()).toContain(row);
    await capture(page, 'registry-import-report', {
      ready: (language) => page.getByRole('heading', { name: language === 'en' ? /Problems/ : /问题清单/ }).waitFor(),
    });

    await page.getByRole('button', { name: `导入 ${ledgerGoodRows.length} 行` }).click();
    await page.getByText('导入完成').waitFor({ timeout: 180_000 });
    await page.getByText(`新建档案 ${ledgerGoodRows.length} 份`).waitFor();
    await capture(page, 'registry-import-done', {
      ...axeOnce,
      ready: (language) => page.getByText(language === 'en' ? 'Import finished' : '导入完成').waitFor(),
    });

    // The same ledger again: everything is already registered, nothing new.
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await send();
    await page.getByText(/这个文件已于 .* 导入过/).waitFor();
    await page.getByRole('button', { name: '重新试导入核对' }).click();
    await page.getByRole('heading', { name: /问题清单/ }).waitFor();
    const stat = (title: string) =>
      page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').innerText();
    expect(await stat('已登记（跳过）')).toBe(String(ledgerGoodRows.length));
    expect(await stat('可导入')).toBe('0');
    expect(await page.getByRole('button', { name: '导入 0 行' }).isDisabled()).toBe(true);

    await page.goto(`${suite.server.url}/registry`);
    await heading(page, '儿童档案').waitFor();
    await eventually(async () => (await tableNames(page)).length).toBe(before + ledgerGoodRows.length);
    expect(await tableNames(page)).toEqual(expect.arrayContaining(ledgerGoodRows));

    // Registering 李小雨 a second time (no ID number): the registry shows the likely match first.
    await page.getByRole('button', { name: '新增' }).click();
    await heading(page, '登记儿童').waitFor();
    await capture(page, 'registry-create', {
      ...axeOnce,
      ready: (language) => heading(page, language === 'en' ? 'Register a child' : '登记儿童').waitFor(),
    });
    await page.getByLabel('姓名', { exact: true }).fill('李小雨');
    await page.getByLabel('暂无身份证号').check();
    await page.getByLabel('女').check();
    await page.getByLabel('出生日期').fill('2015-03-02');
    await page.getByLabel('出生日期').press('Enter');
    await page.getByRole('combobox', { name: '查找行政区划' }).first().fill('陈龙');
    await chooseOption(page, /陈龙村/);
    await page.getByRole('button', { name: '保存' }).click();
    const candidates = page.getByRole('region', { name: /可能已经登记过/ });
    await candidates.getByText('出生日期相同').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'registry-create-candidates-zh-CN-1280');
    await expectNoAxeViolations(page, 'main');
    await candidates.getByRole('button', { name: '不是同一人，继续登记' }).click();
    await heading(page, '儿童档案详情').waitFor();

    // The pair waits in the review queue: merge it, keeping the older file.
    await page.goto(`${suite.server.url}/registry/duplicates`);
    await heading(page, '疑似重复核查').waitFor();
    const pair = page.locator('.haven-pair-card').filter({ hasText: '李小雨 与 李小雨' }).first();
    await pair.waitFor();
    await capture(page, 'registry-duplicates', {
      ready: (language) => heading(page, language === 'en' ? 'Duplicate review' : '疑似重复核查').waitFor(),
    });
    await pair.getByRole('button', { name: '合并' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('原因').fill('同一儿童，村委会重复登记');
    await screenshot(page, 'registry-merge-zh-CN-1280');
    await expectNoAxeViolations(page, '.ant-modal-wrap');
    await dialog.getByRole('button', { name: '合并' }).click();
    await page.getByText('已合并。').waitFor();
    await page.getByRole('button', { name: '撤销合并' }).first().waitFor();
    await page.context().close();
  });

  it('a village director registering a child on file in another county is told only that a match exists elsewhere; the city officer finds her merge request', async () => {
    // 公安县's file of the same girl, with her mother's phone: a likely match the director may not see.
    const gongan = await signInAs(suite.server.url, 'officer.gongan');
    const registered = await gongan.request('POST', '/api/children', {
      name: '龚雪晴',
      sex: 'female',
      birthDate: '2013-06-06',
      residenceCode: '421022100201',
      family: [{ relation: 'mother', name: '龚母', phone: '13972155501', isGuardian: true }],
    });
    expect(registered.status).toBe(201);
    const otherCode = ((await registered.json()) as { havenCode: string }).havenCode;
    const page = await signInOnPage(suite, 'director.chenlong', { path: '/registry', totp: true });
    await heading(page, '儿童档案').waitFor();
    await page.getByRole('button', { name: '新增' }).click();
    await heading(page, '登记儿童').waitFor();
    await page.getByLabel('姓名', { exact: true }).fill('龚雪晴');
    await page.getByLabel('暂无身份证号').check();
    await page.getByLabel('女').check();
    await page.getByLabel('出生日期').fill('2013-06-06');
    // Tab, not Enter: with her village preset every required field is filled here, and Enter would
    // send the form before the guardian (whose phone makes the match) is entered.
    await page.getByLabel('出生日期').press('Tab');
    // Her scope is one village: the residence is already 陈龙村.
    // (The select's hidden live region also says 陈龙村: the visible one is the chosen value.)
    await page
      .locator('form')
      .getByText(/陈龙村/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await page.getByLabel('监护人姓名').fill('龚母');
    await page.getByLabel('监护人电话').fill('13972155501');
    await page.getByRole('button', { name: '保存' }).click();
    const candidates = page.getByRole('region', { name: /可能已经登记过/ });
    await candidates.getByText(/辖区外/).waitFor();
    const shown = await candidates.innerText();
    for (const leak of [otherCode, '公安县', '农利']) expect(shown).not.toContain(leak);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'registry-create-elsewhere-zh-CN-1280');
    await expectNoAxeViolations(page, 'main');
    await candidates.getByRole('button', { name: '不是同一人，继续登记' }).click();
    await heading(page, '儿童档案详情').waitFor();
    await page.context().close();

    const city = await signInOnPage(suite, 'officer.city', { path: '/registry/duplicates', totp: true });
    await heading(city, '疑似重复核查').waitFor();
    const pair = city.locator('.haven-pair-card').filter({ hasText: '龚雪晴 与 龚雪晴' }).first();
    await pair.getByText(/合并核查请求：李桂兰/).waitFor();
    await pair.scrollIntoViewIfNeeded();
    await screenshot(city, 'registry-duplicates-merge-request-zh-CN-1280');
    await expectNoAxeViolations(city, 'main');
    await city.context().close();
  });
});
