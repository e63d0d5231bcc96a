import { describe, expect, it } from 'vitest';
import { capture, eventually, heading, navigation, signInOnPage, useSuite } from './access-support.js';

// Placements in Chromium: the city officer finds a boy's current placement at the top of his file,
// approves the rescue station's request for a longer stay, and reads the institutions' beds,
// occupancy and receptions — in Chinese and English, at 1280 and 390 px, with axe.

const suite = useSuite();

describe('placements for the city officer', { timeout: 600_000 }, () => {
  it("shows the current placement and guardian on the child's file, approves a longer stay, and the institutions' numbers", async () => {
    const page = await signInOnPage(suite, 'officer.city', { path: '/', totp: true });
    await heading(page, '工作台').waitFor();
    const childId = await page.evaluate(async () => {
      const answer = await fetch('/api/children?q=%E5%91%A8%E5%AD%90%E8%B1%AA');
      return ((await answer.json()) as { items: { id: string }[] }).items[0]!.id;
    });
    await page.goto(`${suite.server.url}/registry/${childId}`);
    const card = page.getByRole('region', { name: '当前安置与监护' });
    await card.getByText('荆州市救助管理站').first().waitFor();
    await card.getByText('申请延长滞留').first().waitFor();
    await capture(page, 'placement-card', {
      ready: async (language) =>
        page
          .getByRole('region', { name: language === 'en' ? 'Current placement and guardian' : '当前安置与监护' })
          .waitFor(),
      axeWithin: '.haven-placement-card',
    });

    await card.getByRole('button', { name: '批准延长' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备注').fill('同意延长，尽快联系父亲');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('已保存').waitFor();
    await eventually(async () => card.getByRole('button', { name: '批准延长' }).count()).toBe(0);
    await card.getByRole('button', { name: '返家', exact: true }).waitFor();

    await navigation(page).getByRole('link', { name: '安置与床位' }).click();
    await heading(page, '安置与床位').waitFor();
    const station = page.locator('.ant-table-row').filter({ hasText: '荆州市救助管理站' }).first();
    await station.waitFor();
    expect(await station.innerText()).toContain('60');
    await capture(page, 'placements-occupancy', {
      ready: async (language) => {
        await heading(page, language === 'en' ? 'Placements and beds' : '安置与床位').waitFor();
        await page.getByText('荆州市救助管理站').first().waitFor();
      },
    });
    await page.context().close();
  });
});
