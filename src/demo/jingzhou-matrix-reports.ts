import type { DemoSeeder } from '../platform/seed.js';
import { editMatrixIn } from '../features/service-matrix/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import { actingAs } from './acting-as.js';
import { day, demoContext, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * Reports routed by the responsibility matrix (issue 15), made by the demo's people through the real
 * actions after the matrix of J city was recorded (jingzhou-referrals):
 * - organised begging in 沙市区: the shelter for street children is the city rescue station's to
 *   lead, so the station receives a `provider` copy (no deadline) beside the statutory receivers;
 * - 公安县: the city lead agency records that the city station no longer takes the county's street
 *   children while the county's own station is being set up — a gap; a boy found at 埠河 who cannot
 *   say where he lives meets it, the gap is stored on the report and 公安县民政局 receives it.
 */
export const jingzhouMatrixReportsDemo: DemoSeeder = {
  name: 'jingzhou-matrix-reports',
  async seed(uow, log) {
    const demo = await demoContext(uow);
    const as = actingAs(uow);
    const now = Date.now();
    const past = (days: number, hours = 0) => new Date(now - days * day + hours * hour);

    const begging = past(2, -5);
    const shashi = await demo.report('hotline.12338', begging, {
      channel: 'hotline',
      line: '12338',
      caller: { anonymous: false, name: '陈师傅', relationship: '路人', callbackPhone: '13972100377' },
      situations: [8],
      description: '中山路地下通道内，一名约 9 岁男孩连续多日被两名成年人带着乞讨，天冷仍只穿单衣。',
      unknownChild: '男孩约 9 岁，外地口音，穿蓝色外套',
      divisionCode: jingzhou.zhongshan,
      address: '沙市区中山路地下通道',
      immediateDanger: false,
      attachments: [],
    });
    await demo.acknowledge('police.shashi', shashi, new Date(begging.getTime() + 0.5 * hour));
    await demo.acknowledge('officer.shashi', shashi, new Date(begging.getTime() + 2 * hour));

    const gapFrom = past(30);
    await editMatrixIn(
      await as('officer.city'),
      jingzhou.gongan,
      {
        validFrom: shanghaiDateOf(gapFrom),
        expectedVersion: 0,
        note: '市救助管理站不再承接公安县流浪儿童救助，县救助站尚在筹建',
        cells: [{ service: 'street_children_shelter', kind: 'rescue_station', responsibility: 'none' }],
      },
      gapFrom,
    );
    const found = past(1, -3);
    const gongan = await demo.report('hotline.12338', found, {
      channel: 'hotline',
      line: '12338',
      caller: { anonymous: false, name: '黄女士', relationship: '路人', callbackPhone: '13972100388' },
      situations: [7],
      description: '埠河镇汽车站候车室有一名约 8 岁男孩独自过夜，说不清家在哪里，也说不出父母电话。',
      unknownChild: '男孩约 8 岁，自称“小军”，说不清住址',
      divisionCode: jingzhou.buhe,
      address: '公安县埠河镇汽车站',
      immediateDanger: false,
      attachments: [],
    });
    await demo.acknowledge('officer.gongan', gongan, new Date(found.getTime() + hour));
    log('  2 reports routed by the matrix (a provider copy in 沙市区, a gap in 公安县)');
  },
};
