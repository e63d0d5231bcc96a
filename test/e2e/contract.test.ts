import { describe, expect, it } from 'vitest';
import { heading, signInOnPage, useSuite } from './access-support.js';
import { screenshot } from './helpers.js';

// Issue 13: the web reads every answer with the contract (src/contract). When the server and the
// page disagree (here: one field of the children list renamed on the way), the page says it cannot
// read the answer instead of showing "—" where the field was.

const suite = useSuite();

describe('the contract in the browser', { timeout: 240_000 }, () => {
  it('a children list with a renamed field shows the contract failure, not a list of "—"', async () => {
    const page = await signInOnPage(suite, 'director.chenlong', { path: '/registry', totp: true });
    await heading(page, '儿童档案').waitFor();
    await page
      .getByRole('link', { name: /李小雨/ })
      .first()
      .waitFor();

    await page.route(/\/api\/children\?/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Record<string, unknown>[] };
      const items = body.items.map(({ residenceName, ...item }) => ({ ...item, residenceLabel: residenceName }));
      await route.fulfill({ response, json: { ...body, items } });
    });
    await page.getByLabel('姓名、拼音、身份证号或电话').fill('lxy');

    await page.getByText('无法读取服务器的应答').waitFor();
    expect(await page.getByRole('link', { name: /李小雨/ }).count()).toBe(0);
    await screenshot(page, 'contract-failure-zh-CN-1280');
    await page.context().close();
  });
});
