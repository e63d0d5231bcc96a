import { describe, expect, it } from 'vitest';
import { capture, heading, signInOnPage, useSuite } from './access-support.js';

// The joint conference in Chromium: the city lead agency opens the demo's meeting (an agenda built
// from escalations, two decisions, one overdue) and downloads its minutes; the procuratorate finds
// its overdue item among its department's items and reports it done — zh-CN and English, 1280 and
// 390 px, with axe.

const suite = useSuite();
const meetingTitle = '荆州市困境儿童保障和未成年人保护工作联席会议';

describe('the joint conference', { timeout: 600_000 }, () => {
  it('the lead agency reads the meeting and its minutes; the owner department reports its overdue item done', async () => {
    const page = await signInOnPage(suite, 'officer.city', { path: '/joint-conference', totp: true });
    await heading(page, '联席会议').waitFor();
    await page.getByRole('link', { name: meetingTitle }).click();
    await heading(page, '联席会议详情').waitFor();
    await page.getByText('逾期升级事项').first().waitFor();
    await page.getByText('已逾期').first().waitFor();
    await capture(page, 'conference-meeting', {
      ready: async (language) => {
        await heading(page, language === 'en' ? 'Joint-conference meeting' : '联席会议详情').waitFor();
        await page
          .getByText(language === 'en' ? 'Escalated overdue deadline' : '逾期升级事项')
          .first()
          .waitFor();
      },
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载纪要（PDF）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^minutes-.*\.pdf$/);
    await page.context().close();

    const prosecutor = await signInOnPage(suite, 'prosecutor', { path: '/joint-conference/my-items', totp: true });
    await heading(prosecutor, '本单位督办事项').waitFor();
    await prosecutor.getByText('已逾期').first().waitFor();
    await prosecutor.getByRole('button', { name: /^报告办结：/ }).click();
    const dialog = prosecutor.getByRole('dialog');
    await dialog.getByLabel('办理情况（可选）').fill('已对两家单位制发检察建议');
    await dialog.getByRole('button', { name: '报告办结' }).click();
    await prosecutor.getByText('已保存').waitFor();
    await prosecutor.getByText('已办结').first().waitFor();
    expect(await prosecutor.getByRole('button', { name: /^报告办结：/ }).count()).toBe(0);
    await prosecutor.context().close();
  });
});
