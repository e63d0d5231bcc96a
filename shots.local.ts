import { chromium } from 'playwright-core';
import { passwordStep, totpStep } from './test/support/session.js';
import { totpCodeOf } from './src/demo/credentials.js';
import { readFileSync } from 'node:fs';

const base = 'http://127.0.0.1:3340';
const creds = JSON.parse(readFileSync('/tmp/entrusted-creds.json', 'utf8')) as {
  password: string;
  accounts: { username: string; totpSecret: string | null }[];
};
const sessions = new Map<string, Awaited<ReturnType<typeof passwordStep>>['session']>();
async function signIn(username: string) {
  const known = sessions.get(username);
  if (known) return known;
  const { session, needs } = await passwordStep(base, username, creds.password);
  const secret = creds.accounts.find((a) => a.username === username)?.totpSecret;
  if (needs === 'totp' && secret) await totpStep(session, username, (at) => totpCodeOf(secret, at));
  sessions.set(username, session);
  return session;
}
const scene = process.argv[2] ?? 'one';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
async function open(username: string, lang: 'zh-CN' | 'en', width: number) {
  const s = await signIn(username);
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    locale: lang,
    isMobile: width < 500,
    hasTouch: width < 500,
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: `try { localStorage.setItem('haven.language', ${JSON.stringify(lang)}); } catch {}` });
  const [name = '', ...rest] = s.cookie.split('=');
  await context.addCookies([{ name, value: rest.join('='), url: base, httpOnly: true, sameSite: 'Strict' }]);
  context.setDefaultTimeout(60_000);
  return { page: await context.newPage(), s };
}
const shot = async (page: import('playwright-core').Page, name: string) => {
  await page.waitForTimeout(800);
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path: `/tmp/entrusted-shots/${name}.png`, fullPage: true, animations: 'disabled' });
  console.log('shot', name);
};
const childId = async (s: Awaited<ReturnType<typeof signIn>>, name: string) => {
  const r = (await (await s.request('GET', `/api/children?q=${encodeURIComponent(name)}`)).json()) as { items: { id: string; name: string }[] };
  return r.items.find((i) => i.name === name)!.id;
};

if (scene === 'debug') {
  const { page } = await open('director.chenlong', 'zh-CN', 390);
  page.on('console', (m) => console.log('console', m.text().slice(0, 300)));
  await page.goto(`${base}${process.argv[3]}`);
  await page.waitForTimeout(15000);
  await shot(page, 'debug');
}
if (scene === 'one') {
  const { page, s } = await open('director.chenlong', 'zh-CN', 390);
  await page.goto(`${base}/my-work`);
  await page.getByRole('heading', { name: /留守儿童父母联系到期/ }).waitFor();
  await shot(page, 'mywork-zh-390');
  await page.goto(`${base}/visits/entrusted`);
  await page.getByRole('list', { name: '父母联系到期' }).getByText('李明轩', { exact: true }).waitFor();
  await shot(page, 'entrusted-list-zh-390');
  const xiaoyu = await childId(s, '李小雨');
  await page.goto(`${base}/visits/entrusted/${xiaoyu}`);
  await page.getByLabel('委托照护人', { exact: true }).waitFor();
  await shot(page, 'entrusted-register-zh-390');
  await page.getByLabel('委托照护人', { exact: true }).fill('李秀兰');
  await page.getByLabel('与儿童关系').fill('姑姑');
  await page.getByText('照护能力有限').click();
  await page.getByRole('button', { name: '保存委托照护' }).click();
  await page.getByText(/父母下次联系应于/).waitFor();
  await shot(page, 'entrusted-care-zh-390');
  await page.getByRole('button', { name: '保存联系记录' }).click();
  await page.getByText('已记录父母联系').waitFor();
  await shot(page, 'entrusted-contact-zh-390');
  const en = await open('director.chenlong', 'en', 390);
  const mingxuan = await childId(s, '李明轩');
  await en.page.goto(`${base}/visits/entrusted/${mingxuan}`);
  await en.page.getByText(/Parents' contact overdue/).waitFor();
  await shot(en.page, 'entrusted-overdue-en-390');
  await en.page.goto(`${base}/visits/entrusted`);
  await en.page.getByRole('list', { name: "Parents' contact due" }).getByText('李明轩', { exact: true }).waitFor();
  await shot(en.page, 'entrusted-list-en-390');
  await en.page.goto(`${base}/my-work`);
  await en.page.getByRole('heading', { name: /Left-behind children: parents' contact due/ }).waitFor();
  await shot(en.page, 'mywork-en-390');
  const wide = await open('supervisor.cenhe', 'en', 1280);
  await wide.page.goto(`${base}/visits/entrusted`);
  await wide.page.getByRole('list', { name: "Parents' contact due" }).getByText('李明轩', { exact: true }).waitFor();
  await shot(wide.page, 'entrusted-list-en-1280-supervisor');
  const zw = await open('director.chenlong', 'zh-CN', 1280);
  await zw.page.goto(`${base}/visits/entrusted/${xiaoyu}`);
  await zw.page.getByText(/父母下次联系应于/).waitFor();
  await shot(zw.page, 'entrusted-care-zh-1280');
}
if (scene === 'three') {
  for (const [lang, width] of [['en', 390], ['zh-CN', 1280], ['zh-CN', 390], ['en', 1280]] as const) {
    const { page } = await open('supervisor.cenhe', lang, width);
    await page.goto(`${base}/grassroots`);
    await page.getByRole('tab', { name: lang === 'en' ? 'Supervision log' : '督导日志' }).click();
    await page.getByRole('list', { name: lang === 'en' ? 'Supervision log' : '督导日志' }).waitFor();
    if (lang === 'en' && width === 390) {
      const card = page.getByRole('listitem').filter({ hasText: '李桂兰' }).first();
      await card.getByRole('button').click();
      await card.getByRole('checkbox', { name: 'Ledger' }).check();
      await card.getByLabel('Findings').fill('台账缺两名儿童的监护人电话');
      await card.getByLabel('Follow-up asked for').fill('一周内补齐');
      await shot(page, 'supervision-form-en-390');
      await card.getByRole('button', { name: 'Save the check' }).click();
      await card.getByText(/Last checked/).waitFor();
    }
    await page.waitForTimeout(1500);
    await shot(page, `supervision-${lang}-${width}`);
  }
  const officer = await open('officer.gongan', 'zh-CN', 1280);
  const liu = await childId(officer.s, '刘一诺');
  await officer.page.goto(`${base}/registry/${liu}?tab=family`);
  await officer.page.getByText('同户的兄弟姐妹').waitFor();
  await shot(officer.page, 'household-zh-1280');
  const en = await open('officer.gongan', 'en', 390);
  await en.page.goto(`${base}/registry/${liu}?tab=family`);
  await en.page.getByText('Siblings in the household').waitFor();
  await shot(en.page, 'household-en-390');
}
await browser.close();
