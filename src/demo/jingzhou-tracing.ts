import { sql } from 'kysely';
import type { DemoSeeder } from '../platform/seed.js';
import { placementActionSchema, placeSchema, type PlaceInput } from '../contract/placements/actions.js';
import { composeIdNumber } from '../features/registry/id-number.js';
import { actOnPlacementIn, placeChildIn } from '../features/placements/service.js';
import {
  addLeadIn,
  confirmTracedIdentityIn,
  decideLeadIn,
  openTracingIn,
} from '../features/placements/tracing/service.js';
import { uploadDocumentQuerySchema } from '../contract/documents/views.js';
import { uploadDocumentIn } from '../features/documents/service.js';
import { actingAs } from './acting-as.js';
import { demoPhotoWithLocation } from './demo-photo.js';
import { namedChildrenCounties } from './jingzhou-children.js';
import { demoOrganisations } from './jingzhou-organisations.js';

const day = 86_400_000;

/**
 * The way home, by the real actions at past times: a boy of unknown identity found at the railway
 * station is traced (a lead ruled out, a DNA match to his father in 公安县), his identity confirmed
 * and he is escorted home with a signed hand-over; a girl's tracing request is still open; a third
 * child's mother is matched, the identity not yet confirmed. All three are
 * synthetic children without an ID number, outside the named children's districts. The open
 * request has the photo taken when she was found (a document of her file; its GPS position removed).
 */
export const jingzhouTracingDemo: DemoSeeder = {
  name: 'jingzhou-tracing',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const officer = await as('officer.city');
    const station = (
      await trx
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', demoOrganisations.find((o) => o.key === 'rescueStation')!.name)
        .executeTakeFirstOrThrow()
    ).id;
    const unknown = await trx
      .selectFrom('children')
      .select(['id', 'sex', 'birth_date'])
      .where('id_number', 'is', null)
      .where('status', '=', 'active')
      .where('residence_code', 'like', '4210%')
      .where(sql<boolean>`substr(residence_code, 1, 6) NOT IN (${sql.join(namedChildrenCounties)})`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('placements').select('id').whereRef('placements.child_id', '=', 'children.id'))),
      )
      .orderBy('file_no')
      .limit(3)
      .execute();
    if (unknown.length < 3) {
      log('  no children without an ID number for the tracing demo');
      return;
    }
    const now = Date.now();
    const ago = (days: number, hours = 0) => new Date(now - days * day - hours * 3_600_000);
    const atStation = (why: string): PlaceInput => ({
      kind: 'rescue_station',
      organisationId: station,
      legalBasis: 'emergency',
      guardian: { type: 'state_temporary' },
      reason: why,
      handover: {
        from: '荆州站派出所 民警',
        to: '荆州市救助管理站 值班员',
        belongings: ['随身衣物'],
        documents: ['police_record'],
      },
      startedAt: ago(8).toISOString(),
    });

    const [boy, girl, third] = unknown as [
      (typeof unknown)[number],
      (typeof unknown)[number],
      (typeof unknown)[number],
    ];
    const { placementId } = await placeChildIn(
      officer,
      boy.id,
      placeSchema.parse(atStation('民警在荆州火车站候车室发现，自称迷路，说不清家庭住址')),
      ago(8),
    );
    const tracing = await openTracingIn(
      officer,
      {
        childId: boy.id,
        foundAt: ago(8, 2).toISOString(),
        foundPlace: '荆州火车站候车室',
        known: { statedName: '小军', statedAge: 10, dialect: '公安县口音', statements: '说家附近有一座大桥和一个鱼塘' },
        description: '身高约135厘米，偏瘦，右手背有烫伤疤痕，穿灰色外套',
      },
      ago(8),
    );
    const lead1 = await addLeadIn(
      officer,
      tracing,
      {
        expectedVersion: 1,
        source: 'public_notice',
        summary: '寻亲公告发布后，松滋市一位家长来电',
        family: { name: '赵某', relationship: '母亲' },
      },
      ago(6),
    );
    await decideLeadIn(
      officer,
      tracing,
      lead1,
      { expectedVersion: 2, decision: 'ruled_out', note: '视频辨认不是其子' },
      ago(5),
    );
    const lead2 = await addLeadIn(
      officer,
      tracing,
      {
        expectedVersion: 3,
        source: 'dna_comparison',
        summary: '公安机关DNA比对：与公安县报失儿童的父亲比中',
        family: { name: '杨德明', relationship: '父亲', phone: '13972200451', address: '公安县埠河镇' },
      },
      ago(4),
    );
    await decideLeadIn(
      officer,
      tracing,
      lead2,
      { expectedVersion: 4, decision: 'matched', note: 'DNA比对一致，父亲视频确认' },
      ago(3),
    );
    const birth = boy.birth_date ? String(boy.birth_date).slice(0, 10) : '2015-04-12';
    await confirmTracedIdentityIn(
      officer,
      tracing,
      {
        expectedVersion: 5,
        idNumber: composeIdNumber('421022', birth, boy.sex === 'female' ? 932 : 931),
        name: '杨小军',
        evidence: '户口簿与DNA比对结果',
      },
      ago(2),
    );
    await actOnPlacementIn(
      officer,
      placementId,
      placementActionSchema.parse({
        type: 'escort_home',
        expectedSeq: 1,
        escorts: ['荆州市救助管理站 刘强', '荆州市救助管理站 陈芳'],
        family: { name: '杨德明', relationship: '父亲', phone: '13972200451', address: '公安县埠河镇某村三组' },
        handover: {
          signedBy: '杨德明',
          witness: '村委会 主任',
          belongings: ['书包', '衣物'],
          documents: ['police_record', 'medical_record'],
        },
        handedOverAt: ago(1).toISOString(),
      }),
      ago(1),
    );

    await placeChildIn(
      officer,
      girl.id,
      placeSchema.parse({ ...atStation('在沙市码头独自徘徊，不愿说出家庭情况'), startedAt: ago(5).toISOString() }),
      ago(5),
    );
    const open = await openTracingIn(
      officer,
      {
        childId: girl.id,
        foundAt: ago(5, 3).toISOString(),
        foundPlace: '沙市码头候船厅',
        known: { statedName: null, statedAge: 12, dialect: '普通话，略带四川口音', statements: '只说“妈妈在外面打工”' },
        description: '扎马尾，身高约150厘米，左耳有耳洞，穿红色运动服',
      },
      ago(5),
    );
    await addLeadIn(
      officer,
      open,
      { expectedVersion: 1, source: 'police_database', summary: '全国打拐DNA库比对中，结果待回复' },
      ago(4),
    );
    // The photo the station took when she was found, on her file and owned by the request (GPS removed).
    await uploadDocumentIn(officer, {
      childId: girl.id,
      query: uploadDocumentQuerySchema.parse({
        type: 'photo',
        fileName: '发现时照片.jpg',
        title: '沙市码头候船厅发现时',
        subjectType: 'tracing_request',
        subjectId: open,
      }),
      declared: 'image/jpeg',
      content: demoPhotoWithLocation(),
    });

    // A third child's family is found (matched), the identity not yet confirmed by the household register.
    await placeChildIn(
      officer,
      third.id,
      placeSchema.parse({
        ...atStation('在长途汽车站独自过夜，称来荆州找打工的母亲'),
        startedAt: ago(4).toISOString(),
      }),
      ago(4),
    );
    const matched = await openTracingIn(
      officer,
      {
        childId: third.id,
        foundAt: ago(4, 5).toISOString(),
        foundPlace: '荆州长途汽车客运站',
        known: { statedName: '小梅', statedAge: 9, dialect: '松滋口音', statements: '说妈妈在荆州的服装厂上班' },
        description: '短发，身高约130厘米，背粉色书包',
      },
      ago(4),
    );
    const mother = await addLeadIn(
      officer,
      matched,
      {
        expectedVersion: 1,
        source: 'family_search',
        summary: '一位母亲到派出所报称女儿离家寻母，照片辨认一致',
        family: { name: '覃某', relationship: '母亲', phone: '13972300812', address: '松滋市新江口镇' },
      },
      ago(2),
    );
    await decideLeadIn(
      officer,
      matched,
      mother,
      { expectedVersion: 2, decision: 'matched', note: '母亲当面辨认，待核对户口簿' },
      ago(1),
    );
    log('  3 tracing requests (one escorted home, one matched, one open with a photo)');
  },
};
