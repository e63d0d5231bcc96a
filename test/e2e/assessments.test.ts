import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type ApiSession, signInAs } from '../support/session.js';
import { capture, chooseOption } from './access-support.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  openPage,
  type RunningServer,
  screenshot,
  settled,
  startServer,
} from './helpers.js';

// A village director on a phone (390 px), zh-CN, elder mode: assesses 李小雨 on the DB42/T form, sees
// the grade live (harm by the guardian caps it at "missing", red), saves, and finds it in her list.
let server: RunningServer;
let browser: Browser;
let session: ApiSession;

beforeAll(async () => {
  server = await startServer();
  [browser, session] = await Promise.all([launchBrowser(), signInAs(server.url, 'director.chenlong')]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the guardianship assessment on a phone', { timeout: 300_000 }, () => {
  it('a director fills the 20 items at 390 px in elder mode, the grade shows live, and saves', async () => {
    const found = (await (await session.request('GET', '/api/children?q=李小雨')).json()) as {
      items: { id: string }[];
    };
    const childId = found.items[0]!.id;
    const page = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      elderMode: true,
      baseUrl: server.url,
      sessionCookie: session.cookie,
    });
    await page.goto(`${server.url}/assessments/child/${childId}/new`);
    await page.getByText('生长发育').first().waitFor();
    const items = page.locator('.haven-assessment-item .ant-form-item');
    const count = await items.count();
    expect(count).toBe(20);
    for (let i = 0; i < count; i += 1) await items.nth(i).locator('.ant-radio-button-wrapper').first().click();
    const live = page.locator('.haven-assessment-live');
    await live.getByText(/监护正常/).waitFor();
    await items.filter({ hasText: '伤害与侵害' }).getByText('受监护人伤害').click();
    await live.getByText(/监护缺失/).waitFor();
    await live.getByText(/红色/).waitFor();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'assessment-form-zh-390-elder');
    await page.getByRole('button', { name: '保存评估' }).click();
    await page.waitForURL(`${server.url}/assessments/child/${childId}`);
    await page
      .locator('.haven-assessment-card')
      .getByText(/监护缺失/)
      .waitFor();
    await expectNoHorizontalOverflow(page);
  });
});

// Households (issue 17): the county officer of 公安县 reviews the proposal that 刘一诺 and 黄俊 are one
// family and links them; their father's release from prison is entered once and shows on both files;
// one home visit covers both children; each child's open case now names the other's as a sibling case.
describe('a household on the county officer’s desk', { timeout: 600_000 }, () => {
  it('links the proposed household, enters the release once, one visit for both, the sibling cases linked', async () => {
    const officer = await signInAs(server.url, 'officer.gongan');
    const get = async <T>(path: string) => (await (await officer.request('GET', path)).json()) as T;
    const childId = async (name: string) =>
      (await get<{ items: { id: string }[] }>(`/api/children?q=${encodeURIComponent(name)}`)).items[0]!.id;
    const openCase = async (name: string) =>
      (
        await get<{ items: { id: string; caseNo: string; status: string }[] }>(
          `/api/cases?q=${encodeURIComponent(name)}`,
        )
      ).items.find((c) => c.status !== 'closed')!;
    const [yinuo, jun] = [await childId('刘一诺'), await childId('黄俊')];
    const page = await openPage(browser, {
      viewport: 'desktop',
      language: 'zh-CN',
      baseUrl: server.url,
      sessionCookie: officer.cookie,
    });

    // The proposal: same grandmother (ID number), same village and address. A person decides.
    await page.goto(`${server.url}/households`);
    const proposal = page
      .locator('.ant-card')
      .filter({ hasText: /可能是同一家庭|Possibly one family/ })
      .filter({ hasText: /刘一诺/ })
      .filter({ hasText: /黄俊/ });
    const link = (language: string) => (language === 'zh-CN' ? '关联为同一家庭户' : 'Link as one household');
    await capture(page, 'households-proposal', {
      ready: (language) => proposal.getByRole('button', { name: link(language) }).waitFor(),
    });
    await proposal.getByRole('button', { name: link('zh-CN') }).click();
    const household = page.locator('.ant-card').filter({ hasText: '刘桂香' }).filter({ hasText: '刘建军' });
    await household.waitFor();
    await proposal.waitFor({ state: 'detached' });

    // The father's release, entered once for the household.
    const father = household.locator('.ant-list-item').filter({ hasText: '刘建军' });
    await father.getByRole('button', { name: '为全户登记情况' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByLabel('情况', { exact: true }).click();
    await chooseOption(page, '在家');
    await drawer.getByLabel('地点', { exact: true }).fill('合意村二组 9 号家中');
    await drawer.getByLabel('登记理由', { exact: true }).fill('刑满释放，回家与母亲和孩子同住');
    await drawer.getByRole('button', { name: '保存到全部档案' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await father.getByText(/在家/).waitFor();
    await capture(page, 'households-linked', {
      ready: (language) => father.getByText(language === 'zh-CN' ? /在家/ : /At home/).waitFor(),
    });
    for (const child of [yinuo, jun]) {
      await page.goto(`${server.url}/registry/${child}?tab=family`);
      await page
        .getByRole('list', { name: /刘建军/ })
        .getByText('合意村二组 9 号家中')
        .waitFor();
    }
    await capture(page, 'households-father-on-file', {
      ready: () =>
        page
          .getByRole('list', { name: /刘建军/ })
          .getByText('合意村二组 9 号家中')
          .waitFor(),
    });

    // One home visit of the household: the form once, a visit on each child's file.
    await page.goto(`${server.url}/households`);
    await household.getByRole('button', { name: '为全户登记一次入户随访' }).click();
    const visitDrawer = page
      .locator('.ant-drawer-content')
      .filter({ hasText: /全户入户随访|One home visit of the household/ });
    await visitDrawer.getByText(/刘一诺/).waitFor();
    await visitDrawer.getByLabel('受访人姓名', { exact: true }).fill('刘桂香');
    await visitDrawer.getByLabel('与儿童关系', { exact: true }).fill('祖母');
    await visitDrawer.getByLabel('家庭情况', { exact: true }).fill('父亲刘建军刑满释放回家，与两个孩子同住');
    await capture(page, 'households-visit', {
      ready: (language) => visitDrawer.getByText(language === 'zh-CN' ? '保存走访' : 'Save the visit').waitFor(),
      axeWithin: '.ant-drawer-content',
    });
    await visitDrawer.getByRole('button', { name: '保存走访' }).click();
    await visitDrawer.waitFor({ state: 'hidden' });
    // The form's default day is the phone's own today (its time zone), not China's: they differ after 16:00 UTC.
    const today = String(await page.evaluate("new Date().toLocaleDateString('sv')"));
    for (const child of [yinuo, jun]) {
      const { items } = await get<{ items: { visitedOn: string; respondentName: string | null }[] }>(
        `/api/visits?childId=${child}`,
      );
      expect(items[0]).toMatchObject({ visitedOn: today, respondentName: '刘桂香' });
    }

    // Both open cases name each other as siblings' cases, on the page and in the timeline.
    const [caseYinuo, caseJun] = [await openCase('刘一诺'), await openCase('黄俊')];
    await page.goto(`${server.url}/cases/${caseYinuo.id}`);
    const siblings = page.locator('section[aria-labelledby="haven-case-siblings"]');
    await siblings.getByRole('link', { name: caseJun.caseNo }).waitFor();
    const timeline = page.locator('.haven-case-timeline');
    await timeline.getByText('关联兄弟姐妹个案').waitFor();
    await timeline.getByRole('link', { name: caseJun.caseNo }).waitFor();
    await capture(page, 'households-sibling-case', {
      ready: (language) => siblings.getByText(language === 'zh-CN' ? '兄弟姐妹的个案' : "Siblings' cases").waitFor(),
    });
    await siblings.getByRole('link', { name: caseJun.caseNo }).click();
    await page.waitForURL(`${server.url}/cases/${caseJun.id}`);
    await siblings.getByRole('link', { name: caseYinuo.caseNo }).waitFor();
    await page.context().close();
  });
});
