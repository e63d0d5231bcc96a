import type { Page } from 'playwright-core';
import { chooseOption } from '../access-support.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectPhoneTouchTargets,
  resize,
  screenshot,
  switchLanguage,
} from '../helpers.js';

/* Steps of the society journey (test/e2e/projects.test.ts) for forms first looked at in issue 19's last part. */

/** The purchaser places a social worker in the protection centre (project page, phone, Chinese then English). */
export async function placesSocialWorker(officer: Page): Promise<void> {
  const form = officer.locator('.ant-card').filter({ hasText: '派驻社工' });
  await form.getByLabel('社工姓名').fill('郑晓雯');
  // The host is searched by part of its name.
  await form.getByLabel('派驻机构（救助站或未成年人救助保护中心）').fill('救助保护中心');
  await chooseOption(officer, '荆州市未成年人救助保护中心');
  await form
    .getByRole('button', { name: '派 驻' })
    .or(form.getByRole('button', { name: '派驻' }))
    .click();
  await officer.getByText('派驻已记录').waitFor();
  await form.scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(officer);
  await screenshot(officer, 'project-post-zh-CN-390');
  await switchLanguage(officer, 'en');
  await officer.getByText('Place a social worker').waitFor();
  await screenshot(officer, 'project-post-en-390');
}

/** The provider's worker records a group activity with who attended (project page, phone, English then Chinese). */
export async function recordsGroupSession(worker: Page, url: string): Promise<void> {
  await worker.goto(url);
  const form = worker.locator('.ant-card').filter({ hasText: 'Record a session' });
  await form.getByLabel('Kind of session').click({ force: true });
  await chooseOption(worker, 'Group activity');
  await form.getByLabel('Held in').click({ force: true });
  await chooseOption(worker, '公安县');
  // The day is today's already (the form's default, shown in the app's language).
  await form.getByRole('button', { name: 'Add a person who attended' }).click();
  await form.getByLabel('Name of the person who attended 1').fill('刘奶奶');
  await form.getByRole('button', { name: 'Record', exact: true }).click();
  await worker.getByText('Session recorded').waitFor();
  await expectNoHorizontalOverflow(worker);
  await screenshot(worker, 'project-session-en-390');
  await switchLanguage(worker, 'zh-CN');
  await worker.getByText('记录服务').waitFor();
  await screenshot(worker, 'project-session-zh-CN-390');
}

/** The family-support card on the child's file: a guardian referred to vocational training (phone, both languages). */
export async function refersGuardian(officer: Page, url: string): Promise<void> {
  await officer.goto(url);
  const card = officer.locator('.haven-family-support');
  await card.getByText('家庭教育指导令').waitFor();
  await card.getByRole('button', { name: '转介监护人参加职业技能培训' }).click();
  await card.getByLabel('监护人', { exact: true }).fill('儿童母亲');
  await card.getByLabel('培训项目').fill('家政服务员培训');
  await card.getByLabel('培训机构').fill('沙市区职业技能培训中心');
  await card
    .getByRole('button', { name: '转 介' })
    .or(card.getByRole('button', { name: '转介' }))
    .click();
  await card.getByText('家政服务员培训', { exact: false }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(officer);
  await expectNoAxeViolations(officer);
  await screenshot(officer, 'family-support-zh-CN-390');
  await switchLanguage(officer, 'en');
  await card.getByText('Family-education guidance orders').waitFor();
  await screenshot(officer, 'family-support-en-390');
}

/** Activities: 王强 (check expired) refused with the date; the hours of the past tutoring recorded. */
export async function activityRefusesExpired(charity: Page): Promise<void> {
  await charity.getByRole('tab', { name: 'Activities' }).click();
  const crafts = charity.locator('[data-activity="沙市区儿童之家冬季手工活动"]');
  await crafts.getByRole('button', { name: 'Match 王强' }).click();
  await crafts
    .getByRole('alert')
    .getByText(/expired on \d{4}-\d{2}-\d{2}/)
    .waitFor();
}

export async function activityMatchesRenewed(charity: Page): Promise<void> {
  await charity.getByRole('tab', { name: 'Activities' }).click();
  const crafts = charity.locator('[data-activity="沙市区儿童之家冬季手工活动"]');
  await crafts.getByRole('button', { name: 'Match 王强' }).click();
  await crafts.getByRole('list', { name: 'Matched volunteers' }).getByText('王强').waitFor();
  const tutoring = charity.locator('[data-activity="岑河镇儿童之家周末课业辅导"]');
  await tutoring.getByRole('spinbutton').fill('2');
  await tutoring.getByRole('button', { name: 'Save the hours' }).click();
  await tutoring.getByText('赵敏 · 2 hours served').waitFor();
  await resize(charity, 'phone');
  await expectNoHorizontalOverflow(charity);
  await expectPhoneTouchTargets(charity);
  await screenshot(charity, 'activities-en-390');
  await switchLanguage(charity, 'zh-CN');
  await tutoring.getByText('赵敏 · 服务 2 小时').waitFor();
  await screenshot(charity, 'activities-zh-CN-390');
  await charity.getByRole('button', { name: '新建志愿服务活动' }).click();
  await charity.getByLabel('活动名称').waitFor();
  await screenshot(charity, 'activity-form-zh-CN-390');
  await switchLanguage(charity, 'en');
  await resize(charity, 'desktop');
  await charity.getByRole('tab', { name: 'Needs' }).click();
}
