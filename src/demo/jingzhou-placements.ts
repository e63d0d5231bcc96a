import { actingAs } from './acting-as.js';
import type { DemoSeeder } from '../platform/seed.js';
import { placeSchema, type PlaceInput, type PlacementActionInput } from '../contract/placements/actions.js';
import { placementActionSchema } from '../contract/placements/actions.js';
import { actOnPlacementIn, placeChildIn } from '../features/placements/service.js';
import { demoOrganisations } from './jingzhou-organisations.js';

const day = 86_400_000;

/** An action body without the version (the demo tracks it). */
type ActionBody = PlacementActionInput extends infer U ? (U extends unknown ? Omit<U, 'expectedSeq'> : never) : never;

/**
 * Placements in every state, made by the demo's people running the real actions at past times: a
 * boy within his rescue-station stay, one past it, an extension waiting for the city, one approved,
 * a transfer to the welfare home, a return home with its follow-up, an entrusted carer.
 */
export const jingzhouPlacementsDemo: DemoSeeder = {
  name: 'jingzhou-placements',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const names = new Map(
      (await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    const org = (key: string) => names.get(demoOrganisations.find((o) => o.key === key)!.name)!;
    const child = async (name: string) =>
      (
        await trx
          .selectFrom('children')
          .select('id')
          .where('name', '=', name)
          .where('residence_code', 'like', '4210%')
          .orderBy('file_no')
          .executeTakeFirst()
      )?.id;
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * day);
    const seqOf = new Map<string, number>();
    const place = async (username: string, childId: string, daysAgo: number, body: PlaceInput) => {
      const { placementId } = await placeChildIn(await as(username), childId, placeSchema.parse(body), ago(daysAgo));
      seqOf.set(placementId, 1);
      return placementId;
    };
    const act = async (username: string, id: string, daysAgo: number, body: ActionBody) => {
      const input = placementActionSchema.parse({ ...body, expectedSeq: seqOf.get(id) });
      const { seq } = await actOnPlacementIn(await as(username), id, input, ago(daysAgo));
      seqOf.set(id, seq);
    };
    const station = (why: string, from: string): PlaceInput => ({
      kind: 'rescue_station',
      organisationId: org('rescueStation'),
      legalBasis: 'emergency',
      guardian: { type: 'state_temporary', organisationId: org('cityCivilAffairs') },
      reason: why,
      handover: { from, to: '荆州市救助管理站 值班员', belongings: ['随身衣物'], documents: ['police_record'] },
    });
    let made = 0;

    const within = await child('张浩然');
    if (within) {
      await place('police.shashi', within, 3, station('在沙市火车站徘徊，称与家人走散', '沙市区公安分局 赵国栋'));
      made += 1;
    }
    const overdue = await child('李明轩');
    if (overdue) {
      await place('police.shashi', overdue, 13, station('夜间在岑河镇街头流浪，联系不上监护人', '岑河派出所 民警'));
      made += 1;
    }
    const waiting = await child('周子豪');
    if (waiting) {
      const id = await place('officer.gongan', waiting, 9, station('父母外出务工失联，独自在家', '公安县民政局 干部'));
      await act('officer.gongan', id, 1, {
        type: 'request_extension',
        days: 10,
        reason: '正在联系在外务工的父亲，需核实',
      });
      made += 1;
    }
    const extended = await child('陈思琪');
    if (extended) {
      const id = await place('officer.gongan', extended, 12, station('家庭暴力，暂时离家', '公安县公安局 民警'));
      await act('officer.gongan', id, 3, { type: 'request_extension', days: 15, reason: '等待监护能力评估结果' });
      await act('officer.city', id, 2, { type: 'approve_extension', note: '同意延长 15 天，评估后决定去向' });
      made += 1;
    }
    const transferred = await child('黄俊');
    if (transferred) {
      const id = await place(
        'officer.gongan',
        transferred,
        40,
        station('父母双亡，无其他亲属照料', '公安县公安局 民警'),
      );
      await act('officer.gongan', id, 31, {
        type: 'transfer',
        next: {
          kind: 'welfare_home',
          organisationId: org('welfareHome'),
          legalBasis: 'long_term_state_guardianship',
          guardian: { type: 'state_long_term', organisationId: org('cityCivilAffairs') },
          reason: '确认为孤儿，转入福利院长期监护',
          handover: {
            from: '荆州市救助管理站 李红',
            to: '荆州市儿童福利院 张敏',
            belongings: ['衣物一箱', '课本'],
            documents: ['household_register', 'medical_record', 'guardianship_certificate'],
          },
        },
      });
      made += 1;
    }
    const returned = await child('刘一诺');
    if (returned) {
      const id = await place('officer.gongan', returned, 120, {
        kind: 'protection_centre',
        organisationId: org('protectionCentre'),
        legalBasis: 'temporary_state_guardianship',
        guardian: { type: 'state_temporary', organisationId: org('cityCivilAffairs') },
        reason: '监护人服刑，临时监护',
        handover: {
          from: '公安县民政局',
          to: '荆州市未成年人救助保护中心',
          belongings: ['衣物'],
          documents: ['court_decision'],
        },
      });
      await act('staff.centre', id, 101, {
        type: 'assess_return_home',
        assessedOn: ago(101).toISOString().slice(0, 10),
        finding: 'return_home',
        assessor: '荆州市民政局 评估小组',
        summary: '祖母出院，身体可照料；居所安全，村委会同意协助监护',
      });
      await act('staff.centre', id, 100, {
        type: 'transfer',
        next: {
          kind: 'home',
          carer: { name: '刘桂英', relationship: '祖母', phone: '13972100088' },
          legalBasis: 'voluntary',
          guardian: { type: 'relative_guardian', name: '刘桂英' },
          reason: '返家评估通过，祖母出院后可照料',
          handover: {
            from: '荆州市未成年人救助保护中心',
            to: '祖母 刘桂英',
            belongings: ['衣物', '书包'],
            documents: ['medical_record'],
          },
        },
      });
      const home = await trx
        .selectFrom('placements')
        .select('id')
        .where('previous_id', '=', id)
        .executeTakeFirstOrThrow();
      seqOf.set(home.id, 1);
      await act('officer.gongan', home.id, 15, {
        type: 'follow_up',
        visitedOn: ago(15).toISOString().slice(0, 10),
        childSafe: true,
        note: '孩子按时上学，祖母身体恢复，生活稳定',
      });
      made += 1;
    }
    const entrusted = await child('李小雨');
    if (entrusted) {
      await place('police.shashi', entrusted, 200, {
        kind: 'entrusted_care',
        carer: { name: '李秀兰', relationship: '姑姑' },
        legalBasis: 'voluntary',
        guardian: { type: 'entrusted_by_parents', name: '李国强' },
        reason: '父母外出务工，书面委托姑姑照护',
        handover: { from: '父亲 李国强', to: '姑姑 李秀兰', belongings: [], documents: ['household_register'] },
      });
      made += 1;
    }
    log(`  ${made} children with placements`);
  },
};
