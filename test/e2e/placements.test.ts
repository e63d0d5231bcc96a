import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jingzhou } from '../../src/demo/jingzhou-organisations.js';
import { jpegWithGps } from '../../src/features/documents/test-files.test-helper.js';
import { composeIdNumber } from '../../src/features/registry/id-number.js';
import { registerSweep, runSweeps } from '../../src/platform/jobs/sweeps.js';
import { loadFeatures } from '../../src/server.js';
import { accountWithRole } from '../support/accounts.js';
import { factories } from '../support/factories.js';
import type { ApiSession } from '../support/session.js';
import { capture, chooseOption, eventually, heading } from './access-support.js';
import { newContext } from './helpers.js';
import { apiAs, json, pageAs, useCasesSuite } from './helpers/cases-support.js';

// Issue 16's "done when", in Chromium (both languages, 1280 and 390 px, axe): police bring an
// unidentified boy to 沙市区救助管理站; his file shows the placement and the station as carer; a sweep as
// of day 11 escalates the overdue stay; the county (沙市区民政局) approves a longer stay; tracing finds his
// family in 公安县 (a photo of him, location removed), and he is escorted home with a signed hand-over.
// A second boy is not traced: his transfer to the welfare home moves him and the access (the station
// gets 404). The city officer reads each institution's beds, occupancy, stays and receptions (§4.2.1).

const suite = useCasesSuite();
const day = 86_400_000;
const stationName = '沙市区救助管理站';
const en = (language: string) => language === 'en';
let staff: ApiSession;
const boy = { id: '', episode: '', tracing: '' };
const second = { id: '' };

async function stationPage(path: string): Promise<Page> {
  const context = await newContext(suite.browser, {
    viewport: 'desktop',
    language: 'zh-CN',
    baseUrl: suite.server.url,
    sessionCookie: staff.cookie,
  });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}${path}`);
  return page;
}

/** Registered by the county (the police may not write files) and brought to the station by the police. */
async function boyBroughtByPolice(name: string, why: string): Promise<{ id: string; episode: string }> {
  const county = await apiAs(suite, 'officer.shashi');
  const child = await json<{ id: string }>(
    await county.request('POST', '/api/children', {
      residenceCode: jingzhou.chenlong,
      name,
      birthDate: '2015-04-12',
      sex: 'male',
    }),
    201,
  );
  const station = await suite.server.database.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', stationName)
    .executeTakeFirstOrThrow();
  const police = await apiAs(suite, 'police.shashi');
  const placed = await json<{ current: { id: string } }>(
    await police.request('POST', `/api/children/${child.id}/placements`, {
      kind: 'rescue_station',
      organisationId: station.id,
      legalBasis: 'emergency',
      guardian: { type: 'state_temporary' },
      reason: why,
      handover: {
        from: '沙市区公安分局 赵国栋',
        to: `${stationName} 值班员`,
        belongings: ['书包'],
        documents: ['police_record'],
      },
    }),
    201,
  );
  return { id: child.id, episode: placed.current.id };
}

const card = (page: Page, language = 'zh-CN') =>
  page.getByRole('region', { name: en(language) ? 'Current placement and guardian' : '当前安置与监护' });

describe('placements and the way home', { timeout: 900_000 }, () => {
  it('police bring an unidentified boy: the file shows the station as carer; day 11 escalates; the county approves a longer stay', async () => {
    const db = suite.server.database.db;
    await factories(db).organisation({
      kind: 'rescue_station',
      divisionCode: jingzhou.shashi,
      name: stationName,
      bedCapacity: 12,
    });
    staff = await accountWithRole(suite.server.url, db, {
      username: 'staff.shashi.station',
      organisationName: stationName,
      role: 'institution_staff',
    });
    Object.assign(boy, await boyBroughtByPolice('小军', '民警在沙市火车站候车室发现，说不清家庭住址'));

    const page = await stationPage(`/registry/${boy.id}`);
    await card(page).getByText(stationName).first().waitFor();
    const facts = await card(page).locator('.haven-placement-facts').innerText();
    expect(facts).toContain('照护人');
    expect(facts).toContain(stationName);
    await capture(page, 'placements-file', {
      ready: async (language) => card(page, language).getByText(stationName).first().waitFor(),
      axeWithin: '.haven-placement-card',
    });

    // Day 11, nobody asked for more time nor moved him: the stay is overdue and escalated.
    for (const sweep of (await loadFeatures()).sweeps) registerSweep(sweep);
    expect(await runSweeps(db, new Date(Date.now() + 11 * day))).not.toBe('busy');
    const levels = await db
      .selectFrom('alerts')
      .innerJoin('clocks', 'clocks.id', 'alerts.clock_id')
      .select('alerts.level')
      .where('clocks.subject_id', '=', boy.episode)
      .execute();
    expect(Math.max(...levels.map((l) => l.level))).toBeGreaterThan(1);
    await page.goto(`${suite.server.url}/my-work`);
    await page.locator('#haven-work-alerts ~ ul li', { hasText: '救助站停留期限' }).first().waitFor();

    // The station asks for ten more days; the county civil affairs officer approves on the file.
    await json(
      await staff.request('POST', `/api/placements/${boy.episode}/actions`, {
        type: 'request_extension',
        expectedSeq: 1,
        days: 10,
        reason: '正在寻亲，DNA比对结果待回复',
      }),
    );
    await page.context().close();
    const county = await pageAs(suite, 'officer.shashi', `/registry/${boy.id}`);
    await card(county).getByRole('button', { name: '批准延长' }).click();
    const dialog = county.getByRole('dialog');
    await dialog.getByLabel('备注').fill('同意延长 10 天，抓紧寻亲');
    await dialog.getByRole('button', { name: '提交' }).click();
    await county.getByText('已保存').waitFor();
    await eventually(async () => card(county).getByRole('button', { name: '批准延长' }).count()).toBe(0);
    await county.context().close();
  });

  it('tracing finds his family in 公安县: a photo without its location, identity confirmed, escorted home with a signed hand-over', async () => {
    const opened = await json<{ id: string; version: number }>(
      await staff.request('POST', '/api/tracing', {
        childId: boy.id,
        foundAt: new Date(Date.now() - 3_600_000).toISOString(),
        foundPlace: '沙市火车站候车室',
        known: { statedName: '小军', statedAge: 11, dialect: '公安县口音', statements: '说家附近有一座大桥' },
        description: '身高约140厘米，右手背有烫伤疤痕，穿灰色外套',
      }),
      201,
    );
    boy.tracing = opened.id;
    await json(
      await staff.request('POST', `/api/tracing/${boy.tracing}/leads`, {
        expectedVersion: opened.version,
        source: 'dna_comparison',
        summary: '公安机关DNA比对：与公安县报失儿童的父亲比中',
        family: { name: '杨德明', relationship: '父亲', phone: '13972200451', address: '公安县埠河镇' },
      }),
    );

    const page = await stationPage(`/placements/tracing/${boy.tracing}`);
    await page.getByRole('button', { name: '比对成功' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('核实情况').fill('DNA比对一致，父亲视频确认');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByRole('button', { name: '确认身份' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('身份证号').fill(composeIdNumber('421022', '2015-04-12', 931));
    await dialog.getByLabel('真实姓名（家属提供）').fill('杨小军');
    await dialog.getByLabel('确认依据').fill('户口簿与DNA比对结果');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('身份已确认', { exact: false }).first().waitFor();
    // A photo of him as found: stored on his file, its GPS position blanked.
    await page.getByTestId('tracing-photo').setInputFiles({
      name: 'found.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegWithGps(),
    });
    await page.getByText('已清除位置信息').waitFor();
    await capture(page, 'placements-tracing', {
      ready: async (language) => page.getByText(en(language) ? 'Location data removed' : '已清除位置信息').waitFor(),
    });

    await page.getByRole('button', { name: '查看儿童档案' }).click();
    await card(page).getByRole('button', { name: '护送返乡' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('护送人员').fill(`${stationName} 刘强、陈芳`);
    await dialog.getByLabel('接收人姓名').fill('杨德明');
    await dialog.getByLabel('与儿童关系').fill('父亲');
    await dialog.getByLabel('家庭住址').fill('公安县埠河镇某村三组');
    await dialog.getByLabel('签收人').fill('杨德明');
    await dialog.getByLabel('见证人').fill('村委会 主任');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('已交接。该儿童已不在本单位的查看范围内。').waitFor();
    await page.context().close();

    // At home with his father, the hand-over signed; the request closed; the station has let go.
    const county = await apiAs(suite, 'officer.shashi');
    const file = await json<{
      current: { kind: string; carer: { name: string } | null; handover: Record<string, unknown> };
    }>(await county.request('GET', `/api/children/${boy.id}/placement`));
    expect(file.current).toMatchObject({ kind: 'home', carer: { name: '杨德明' } });
    expect(JSON.stringify(file.current.handover)).toContain('杨德明');
    expect((await staff.request('GET', `/api/children/${boy.id}`)).status).toBe(404);
  });

  it('a boy not traced is transferred to the welfare home: he and the access move, the station gets 404', async () => {
    Object.assign(second, await boyBroughtByPolice('小宝', '在沙市码头独自徘徊，无法说出家庭情况'));
    const page = await stationPage(`/registry/${second.id}`);
    await card(page).getByRole('button', { name: '转移', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const choose = async (label: string, option: string) => {
      await dialog.getByLabel(label).click();
      await chooseOption(page, option);
    };
    await choose('安置类型', '儿童福利院');
    await choose('接收机构', '荆州市儿童福利院');
    await choose('安置依据', '临时监护');
    await choose('监护类型', '国家临时监护（民政部门）');
    await dialog.getByLabel('安置原因').fill('寻亲未果，转入福利院临时监护');
    await dialog.getByLabel('移交人（单位、姓名）').fill(`${stationName} 李红`);
    await dialog.getByLabel('接收人（单位、姓名）').fill('荆州市儿童福利院 张敏');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('已交接。该儿童已不在本单位的查看范围内。').waitFor();
    await page.context().close();

    expect((await staff.request('GET', `/api/children/${second.id}`)).status).toBe(404);
    expect((await staff.request('GET', `/api/children/${second.id}/placement`)).status).toBe(404);
    const county = await apiAs(suite, 'officer.shashi');
    const file = await json<{ current: { kind: string; organisation: { name: string } } }>(
      await county.request('GET', `/api/children/${second.id}/placement`),
    );
    expect(file.current).toMatchObject({ kind: 'welfare_home', organisation: { name: '荆州市儿童福利院' } });
  });

  it("the city officer sees each institution's beds, occupancy and stays, and which institution received which kind of child", async () => {
    const page = await pageAs(suite, 'officer.city', '/placements');
    await heading(page, '安置与床位').waitFor();
    const station = page.locator('.ant-table-row').filter({ hasText: stationName }).first();
    await station.waitFor();
    expect(await station.innerText()).toContain('12');
    const received = page.locator('.ant-table-row').filter({ hasText: stationName }).filter({ hasText: '身份不明' });
    await received.first().waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '荆州市儿童福利院' }).first().waitFor();
    await capture(page, 'placements-occupancy', {
      ready: async (language) => {
        await heading(page, en(language) ? 'Placements and beds' : '安置与床位').waitFor();
        await page.getByText(stationName).first().waitFor();
      },
    });
    await page.context().close();
  });
});
