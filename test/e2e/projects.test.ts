import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type ApiSession, signInAs } from '../support/session.js';
import { chooseOption } from './access-support.js';
import { json } from './helpers/cases-support.js';
import {
  activityMatchesRenewed,
  activityRefusesExpired,
  placesSocialWorker,
  recordsGroupSession,
  refersGuardian,
} from './helpers/society-steps.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectPhoneTouchTargets,
  type Language,
  openPage,
  type RunningServer,
  resize,
  screenshot,
  settled,
  startServer,
  switchLanguage,
} from './helpers.js';

// Issue 19's "Done when" as one journey, in both languages. 公安县's officer defines a purchased-service
// project with 童心社工 on screen; its social worker's referral, counselling sessions and home visit are
// recorded through the API (what she would do on other pages); the project page counts them against the
// targets, a payment moves budget execution, the officer evaluates. The city reads coverage by county. On
// the charity page a need raised from a child's plan is matched to a donation and handed over with a
// receipt; 王强, whose check expired, cannot be matched until it is renewed; a guidance order's session
// is followed; 王强 is refused at an activity too until renewed, and the past tutoring's hours are recorded. The
// forms looked at on a phone in both languages: the purchaser's post, the provider's session, the family's
// support on the child's file (a guardian referred to vocational training), the activities.
let server: RunningServer;
let browser: Browser;
const sessions = new Map<string, ApiSession>();

const people = ['officer.gongan', 'socialworker', 'officer.city', 'officer.shashi', 'charity'] as const;
type Person = (typeof people)[number];
const api = (who: Person) => sessions.get(who) as ApiSession;
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // One after another: a person's authenticator code is good once per window.
  for (const who of people) sessions.set(who, await signInAs(server.url, who));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pageOf = (who: Person, language: Language, viewport: 'desktop' | 'phone' = 'desktop') =>
  openPage(browser, { viewport, language, baseUrl: server.url, sessionCookie: api(who).cookie });

/** The worker's day, through the API: a referral accepted and completed, two counselling sessions, a home visit. */
async function workersDay(providerId: string): Promise<void> {
  const officer = api('officer.gongan');
  const worker = api('socialworker');
  const children = await json<{ items: { id: string }[] }>(
    await officer.request('GET', '/api/children?within=421022100000&pageSize=20'),
  );
  const child = children.items.at(-1);
  if (!child) throw new Error('no child in 埠河镇');
  const referral = await json<{ id: string }>(
    await officer.request('POST', '/api/referrals', {
      childId: child.id,
      toOrganisationId: providerId,
      service: 'psychological_counselling',
      shares: ['identity', 'family'],
      documentIds: [],
      reason: '父母外出务工，孩子情绪低落，需要个案辅导',
      consent: { guardian: 'given', child: 'given' },
    }),
    201,
  );
  const step = (body: object) => worker.request('POST', `/api/referrals/${referral.id}/actions`, body);
  await json(await step({ type: 'accept', expectedSeq: 1 }));
  await json(await step({ type: 'start', expectedSeq: 2 }));
  for (const minutes of [50, 45])
    await json(
      await worker.request('POST', '/api/service-sessions', {
        kind: 'counselling',
        childId: child.id,
        heldOn: chinaToday(),
        minutes,
      }),
      201,
    );
  await json(
    await worker.request('POST', '/api/visits', {
      childId: child.id,
      visitedOn: chinaToday(),
      kind: 'routine',
      respondentName: '祖母',
      respondentRelation: '祖母',
      schooling: '在读',
      suggestions: '继续辅导',
      findings: { stateOfMind: '情绪好转' },
    }),
    201,
  );
  await json(await step({ type: 'complete', expectedSeq: 3, outcome: '辅导完成，转入常规随访' }));
}

async function definesProject(page: Page): Promise<string> {
  await page.goto(`${server.url}/projects`);
  await page.getByRole('button', { name: '新建项目' }).click();
  const modal = page.locator('.ant-modal');
  await modal.getByLabel('项目名称').fill('公安县困境儿童家庭支持服务项目');
  await modal.getByLabel('承接方').click();
  await chooseOption(page, '荆州市童心社会工作服务中心');
  const today = chinaToday();
  await modal.getByPlaceholder('开始日期').fill(today);
  await modal.getByPlaceholder('开始日期').press('Enter');
  await modal.getByPlaceholder('结束日期').fill(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
  await modal.getByPlaceholder('结束日期').press('Enter');
  await modal.getByLabel('合同预算（元）').fill('120000');
  await modal.getByLabel('完成转介数').fill('2');
  await modal.getByLabel('入户随访次数').fill('2');
  await modal.getByLabel('心理辅导次数').fill('4');
  await modal
    .getByRole('button', { name: '创 建' })
    .or(modal.getByRole('button', { name: '创建' }))
    .click();
  await page.getByRole('heading', { name: '公安县困境儿童家庭支持服务项目' }).waitFor();
  return page.url().split('/').at(-1) ?? '';
}

describe('society participating', { timeout: 600_000 }, () => {
  it('counts a project from recorded work, shows coverage, and follows charity and family support', async () => {
    // The county officer defines the project (Chinese, desktop).
    const officer = await pageOf('officer.gongan', 'zh-CN');
    const projectId = await definesProject(officer);
    const project = await json<{ provider: { id: string } }>(
      await api('officer.gongan').request('GET', `/api/projects/${projectId}`),
    );
    await workersDay(project.provider.id);

    // The project page counts that work against the targets; paying the first instalment moves execution.
    await officer.reload();
    await officer.getByLabel('完成转介数 50%').waitFor();
    await officer.getByLabel('入户随访次数 50%').waitFor();
    await officer.getByLabel('心理辅导次数 50%').waitFor();
    await officer.getByRole('button', { name: '登记支付' }).first().click();
    await officer.getByText('¥60,000.00 (50%)').waitFor();
    await officer.getByLabel('评估意见').fill('个案辅导与入户随访按计划推进');
    await officer.getByRole('button', { name: '记录评估' }).click();
    await officer.getByText('个案辅导与入户随访按计划推进').waitFor();
    await screenshot(officer, 'project-zh-CN-1280');

    // The same page in English, then on a phone.
    await switchLanguage(officer, 'en');
    await officer.getByLabel('Counselling sessions 50%').first().waitFor();
    await officer.getByText('Budget execution').waitFor();
    await screenshot(officer, 'project-en-1280');
    await resize(officer, 'phone');
    await expectNoHorizontalOverflow(officer);
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'project-en-390');
    await switchLanguage(officer, 'zh-CN');
    await screenshot(officer, 'project-zh-CN-390');
    await placesSocialWorker(officer);
    await officer.context().close();

    // The provider's worker records a group activity with who attended, on her phone.
    const worker = await pageOf('socialworker', 'en', 'phone');
    await recordsGroupSession(worker, `${server.url}/projects/${projectId}`);
    await worker.context().close();

    // The city: social organisations per 10,000 children by county, and the counties with none.
    const city = await pageOf('officer.city', 'en');
    await city.goto(`${server.url}/projects/society`);
    await city.getByRole('columnheader', { name: 'Per 10,000 children' }).waitFor();
    await city.getByText('No social organisation serves these counties:').waitFor();
    await settled(city);
    await expectNoAxeViolations(city);
    await city.context().close();

    // 沙市区's officer raises a need from a child's plan on the charity page (Chinese).
    const shashi = await pageOf('officer.shashi', 'zh-CN');
    const children = await json<{ items: { name: string }[] }>(
      await api('officer.shashi').request('GET', '/api/children?within=421002000000&pageSize=5'),
    );
    const childName = children.items[0]?.name ?? '';
    await shashi.goto(`${server.url}/charity`);
    await shashi.getByRole('button', { name: '提出需求' }).click();
    await shashi.getByLabel('儿童', { exact: true }).fill(childName);
    await chooseOption(shashi, childName);
    await shashi.getByLabel('需求说明').fill('新学期学杂费及校服（初二）');
    await shashi.getByLabel('金额（元）').fill('1200');
    await shashi
      .getByRole('button', { name: '提 出' })
      .or(shashi.getByRole('button', { name: '提出' }))
      .click();
    await shashi.getByText('新学期学杂费及校服（初二）').waitFor();

    // The guidance order's next session is followed: attended, and the compliance line says so.
    await shashi.getByRole('tab', { name: '家庭教育指导令' }).click();
    const order = shashi.locator('[data-order]').first();
    await order.getByText('已参加 1').waitFor();
    await order.getByRole('button', { name: '已参加' }).first().click();
    await order.getByText('已参加 2').waitFor();

    // The child's file (family tab, phone): the family's support, and a guardian referred to training.
    const orders = await json<{ items: { childId: string }[] }>(
      await api('officer.shashi').request('GET', '/api/guidance-orders'),
    );
    await resize(shashi, 'phone');
    await refersGuardian(shashi, `${server.url}/registry/${orders.items[0]?.childId}?tab=family`);
    await shashi.context().close();

    // The charity (English): a donation recorded, matched to the need, handed over with a receipt.
    const charity = await pageOf('charity', 'en');
    await charity.goto(`${server.url}/charity`);
    await charity.getByRole('tab', { name: 'Donations' }).click();
    // A chosen value's text lies over antd's select input: the click goes through it to the select.
    await charity.getByLabel('Donor', { exact: true }).click({ force: true });
    await chooseOption(charity, 'Person');
    await charity.getByLabel("Donor's name (seen only by this charity)").fill('刘女士');
    await charity.getByLabel('Form', { exact: true }).click({ force: true });
    await chooseOption(charity, 'Money');
    await charity.getByLabel('Amount (yuan)').fill('1200');
    await charity.getByRole('button', { name: 'Record', exact: true }).click();
    await charity.getByText('Donation recorded').waitFor();
    await charity.getByRole('tab', { name: 'Needs' }).click();
    const need = charity.locator('[data-need]').filter({ hasText: '新学期学杂费及校服（初二）' });
    await need.getByRole('combobox', { name: 'Choose a donation' }).click({ force: true });
    await chooseOption(charity, '¥1,200.00');
    await need.getByRole('button', { name: 'Match' }).click();
    await need.getByLabel('Received by').fill('儿童母亲');
    await need.getByRole('button', { name: 'Hand over with a receipt' }).click();
    await expect(need.getByText(/Hand-over receipt CS\d{10}/).textContent()).resolves.toMatch(/CS\d{10}/);

    // 王强's check expired: matching him is refused with the expiry date until the check is renewed.
    const tutor = charity.locator('[data-need]').filter({ hasText: '初一数学课业辅导' });
    await tutor.getByRole('combobox', { name: 'Choose a volunteer' }).click({ force: true });
    await chooseOption(charity, '王强');
    await tutor.getByRole('button', { name: 'Match' }).click();
    await tutor
      .getByRole('alert')
      .getByText(/\d{4}-\d{2}-\d{2}/)
      .waitFor();
    await activityRefusesExpired(charity);
    await charity.getByRole('tab', { name: 'Volunteers' }).click();
    await charity.locator('[data-volunteer="王强"]').getByRole('button', { name: 'Record a renewed check' }).click();
    await charity.getByText('Check renewed').waitFor();
    await charity.getByRole('tab', { name: 'Needs' }).click();
    await tutor.getByRole('combobox', { name: 'Choose a volunteer' }).click({ force: true });
    await chooseOption(charity, '王强');
    await tutor.getByRole('button', { name: 'Match' }).click();
    await tutor.getByText('Matched volunteer: 王强').waitFor();
    // …and to the craft afternoon; the tutoring's hours are recorded after it (phone, both languages).
    await activityMatchesRenewed(charity);
    await screenshot(charity, 'charity-en-1280');

    // The charity page on a phone, in both languages.
    await resize(charity, 'phone');
    await expectNoHorizontalOverflow(charity);
    await expectNoAxeViolations(charity);
    await expectPhoneTouchTargets(charity);
    await screenshot(charity, 'charity-en-390');
    await switchLanguage(charity, 'zh-CN');
    await charity.getByRole('tab', { name: '帮扶需求' }).waitFor();
    await screenshot(charity, 'charity-zh-CN-390');
    await resize(charity, 'desktop');
    await screenshot(charity, 'charity-zh-CN-1280');
    await charity.context().close();
  });
});
