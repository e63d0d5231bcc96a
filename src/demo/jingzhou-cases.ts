import type { DemoSeeder } from '../platform/seed.js';
import { clockEscalationSweep } from '../core/clocks/index.js';
import { day, demoContext, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * Cases in every status, built by the people of the demo running the real actions at past times,
 * so the clocks, the late steps and the log are what the workflow itself produced. The first is
 * modelled on children left alone without food.
 */
export const jingzhouCasesDemo: DemoSeeder = {
  name: 'jingzhou-cases',
  async seed(uow, log) {
    const demo = await demoContext(uow);
    const now = Date.now();
    const past = (days: number, hours = 0) => new Date(now - days * day + hours * hour);
    const child = async (name: string) =>
      (
        await uow.trx
          .selectFrom('children')
          .select('id')
          .where('name', '=', name)
          .where('residence_code', 'like', '4210%')
          .orderBy('file_no')
          .executeTakeFirst()
      )?.id;

    const neglected = await child('王梓涵');
    if (neglected) {
      const t0 = past(40, -3);
      const report = await demo.report('hotline.12338', t0, {
        channel: 'hotline',
        line: '12338',
        caller: { anonymous: false, name: '刘大姐', relationship: '邻居', callbackPhone: '13972100001' },
        situations: [6],
        description: '邻居来电：沙口村二组一户两个孩子独自在家，已有两天没见大人，孩子说没有吃的，晚上哭闹。',
        unknownChild: '女孩约 10 岁、弟弟约 6 岁，住沙口村二组 21 号',
        divisionCode: jingzhou.shakou,
        address: '岑河镇沙口村二组 21 号',
        immediateDanger: true,
        attachments: [],
      });
      await demo.acknowledge('police.shashi', report, new Date(t0.getTime() + 0.25 * hour));
      await demo.acknowledge('officer.shashi', report, new Date(t0.getTime() + 0.7 * hour));
      await demo.acknowledge('supervisor.cenhe', report, new Date(t0.getTime() + 3 * hour));
      const kase = await demo.open('officer.shashi', new Date(t0.getTime() + hour), {
        reportIds: [report],
        childId: neglected,
        participantIds: [demo.org('shashiPolice'), demo.org('cenheTownship')],
        reason: '儿童长期无人照料、断食',
      });
      await kase.act('police.shashi', 1.1, 'acknowledge', { note: '110 指挥中心转派，出警' });
      await kase.act('police.shashi', 1.6, 'emergency_response', {
        attendedBy: ['赵国栋', '岑河派出所民警'],
        attendedAt: new Date(t0.getTime() + 1.4 * hour).toISOString(),
        childSafe: true,
        measures: ['escort_protection_centre', 'medical_care'],
        placement: {
          kind: 'minor_protection_centre',
          organisationId: demo.org('protectionCentre'),
          where: '荆州市未成年人救助保护中心',
          why: '父母外出务工失联，祖母住院，两名儿童独自在家两天未进食',
        },
        townshipNotified: true,
        note: '联系父母未果，送医检查后护送至救助保护中心',
      });
      await kase.act('officer.shashi', 24, 'guardianship_intervention', {
        intervention: {
          measure: 'temporary_state_guardianship',
          ground: 'guardian_refuses_or_neglects',
          startedOn: day0(t0, 1),
          placement: {
            kind: 'minor_protection_centre',
            organisationId: demo.org('protectionCentre'),
            where: '荆州市未成年人救助保护中心',
            why: '监护人拒不履行监护职责',
          },
        },
      });
      await kase.act('officer.shashi', 72, 'assessment', {
        scores: {
          safety: 4,
          guardianship_capacity: 4,
          physical_health: 3,
          mental_health: 2,
          education: 2,
          living_conditions: 4,
        },
        overrides: ['no_means_of_living'],
        notes: { guardianship_capacity: '父母失联逾六个月，祖母重病住院，无其他可委托照护人' },
      });
      await kase.act('officer.shashi', 5 * 24, 'case_conference', {
        heldOn: day0(t0, 5),
        participants: ['沙市区民政局', '沙市区公安分局', '岑河镇人民政府', '沙市区人民检察院'],
        decisions: ['支持起诉，申请撤销父母监护资格', '在判决前由救助保护中心临时监护'],
      });
      await kase.act('officer.shashi', 7 * 24, 'guardianship_intervention', {
        intervention: {
          measure: 'revocation_application',
          grounds: ['abandonment', 'refused_duty_6_months'],
          court: '荆州市沙市区人民法院',
          filedOn: day0(t0, 7),
          decision: 'pending',
        },
      });
      await kase.act('officer.shashi', 30 * 24, 'guardianship_intervention', {
        intervention: {
          measure: 'revocation_application',
          grounds: ['abandonment', 'refused_duty_6_months'],
          court: '荆州市沙市区人民法院',
          filedOn: day0(t0, 7),
          decision: 'revoked',
          decidedOn: day0(t0, 30),
        },
      });
      await kase.act('officer.shashi', 31 * 24, 'guardianship_intervention', {
        intervention: {
          measure: 'long_term_state_guardianship',
          basis: 'guardianship_revoked',
          startedOn: day0(t0, 31),
          placement: {
            kind: 'welfare_home',
            organisationId: demo.org('welfareHome'),
            where: '荆州市儿童福利院',
            why: '法院判决撤销父母监护资格，由民政部门长期监护',
          },
        },
      });
      await kase.act('officer.shashi', 33 * 24, 'assistance_plan', {
        goals: [
          {
            goal: '转入福利院附近小学就读',
            services: ['入学协调'],
            responsibleOrgId: demo.org('welfareHome'),
            dueOn: day0(t0, 45),
            status: 'in_progress',
          },
          {
            goal: '心理疏导',
            services: ['个案辅导'],
            responsibleOrgId: demo.org('socialWorkA'),
            dueOn: day0(t0, 90),
            status: 'planned',
          },
        ],
        benefitTasks: [
          { benefit: '孤儿基本生活费', responsibleOrgId: demo.org('shashiCivilAffairs'), dueOn: day0(t0, 50) },
        ],
      });
      await kase.act('officer.shashi', 35 * 24, 'start_monitoring', { note: '每周回访' });
      log('  case: children left alone without food → long-term state guardianship (monitoring)');
    }

    const xiaoyu = await child('李小雨');
    if (xiaoyu) {
      const at = past(12);
      const report = await demo.report('reporter.school', at, {
        channel: 'mandated',
        knewAt: new Date(at.getTime() - 3 * day).toISOString(),
        situations: [4],
        description: '学生手臂和背部多处淤青，称是家里人打的。',
        unknownChild: '三年级学生，陈龙村三组',
        divisionCode: jingzhou.chenlong,
        address: '岑河镇陈龙村三组',
        immediateDanger: false,
        attachments: [],
      });
      await demo.acknowledge('officer.shashi', report, new Date(at.getTime() + 2 * hour));
      await demo.open('officer.shashi', new Date(at.getTime() + day), { reportIds: [report], childId: xiaoyu });
      log('  case: reported, never acknowledged (overdue)');
    }

    const mingxuan = await child('李明轩');
    if (mingxuan) {
      const at = past(3);
      const report = await demo.report('director.chenlong', at, {
        channel: 'staff',
        situations: [6],
        description: '父母外出务工，爷爷近期住院，孩子一人在家。',
        childId: mingxuan,
        divisionCode: jingzhou.chenlong,
        address: '岑河镇陈龙村五组 3 号',
        immediateDanger: false,
        attachments: [],
      });
      await demo.acknowledge('supervisor.cenhe', report, new Date(at.getTime() + hour));
      const kase = await demo.open('supervisor.cenhe', new Date(at.getTime() + 2 * hour), { reportIds: [report] });
      await kase.act('supervisor.cenhe', 3, 'acknowledge', {});
      log('  case: acknowledged');
    }

    const haoran = await child('张浩然');
    if (haoran) {
      const at = past(0, -3);
      const report = await demo.report('hotline.12338', at, {
        channel: 'hotline',
        line: '110',
        caller: { anonymous: true },
        situations: [9],
        description: '孩子在河边玩耍，被一名陌生男子拉扯。',
        unknownChild: '男孩约 15 岁，沙口村一组',
        divisionCode: jingzhou.shakou,
        immediateDanger: true,
        attachments: [],
      });
      await demo.acknowledge('police.shashi', report, new Date(at.getTime() + 0.2 * hour));
      const kase = await demo.open('officer.shashi', new Date(at.getTime() + 0.5 * hour), {
        reportIds: [report],
        childId: haoran,
        participantIds: [demo.org('shashiPolice')],
      });
      await kase.act('police.shashi', 0.1, 'emergency_response', {
        attendedBy: ['赵国栋'],
        attendedAt: new Date(at.getTime() + 0.5 * hour).toISOString(),
        childSafe: true,
        measures: ['violence_stopped', 'escort_relative'],
        townshipNotified: true,
      });
      log('  case: emergency response');
    }

    const zihao = await child('周子豪');
    if (zihao) {
      const kase = await demo.open('officer.gongan', past(60), {
        childId: zihao,
        reason: '留守儿童，学校反映情绪低落',
      });
      await kase.act('officer.gongan', 2, 'acknowledge', {});
      await kase.act('officer.gongan', 48, 'assessment', {
        scores: {
          safety: 0,
          guardianship_capacity: 1,
          physical_health: 0,
          mental_health: 2,
          education: 1,
          living_conditions: 1,
        },
        overrides: [],
        notes: {},
      });
      await kase.act('officer.gongan', 96, 'assistance_plan', {
        goals: [
          {
            goal: '每月心理辅导',
            services: ['心理辅导'],
            responsibleOrgId: demo.org('socialWorkB'),
            dueOn: day0(past(60), 60),
            status: 'done',
          },
        ],
        benefitTasks: [],
      });
      await kase.act('officer.gongan', 30 * 24, 'start_monitoring', {});
      await kase.act('officer.gongan', 58 * 24, 'request_closure', {
        reason: '母亲返乡照料，情绪稳定',
        outcome: '母亲返乡，监护到位，结案',
      });
      log('  case: closure requested');
    }

    const siqi = await child('陈思琪');
    if (siqi) {
      const kase = await demo.open('officer.gongan', past(20), { childId: siqi });
      await kase.act('officer.gongan', 4, 'acknowledge', {});
      await kase.act('officer.gongan', 72, 'assessment', {
        scores: {
          safety: 2,
          guardianship_capacity: 3,
          physical_health: 1,
          mental_health: 2,
          education: 2,
          living_conditions: 2,
        },
        overrides: [],
        notes: {},
      });
      await kase.act('officer.gongan', 7 * 24, 'assistance_plan', {
        goals: [
          {
            goal: '家庭教育指导',
            services: ['亲职教育'],
            responsibleOrgId: demo.org('socialWorkB'),
            dueOn: day0(past(20), 60),
            status: 'in_progress',
          },
        ],
        benefitTasks: [
          {
            benefit: '事实无人抚养儿童基本生活补贴',
            responsibleOrgId: demo.org('gonganCivilAffairs'),
            dueOn: day0(past(20), 30),
          },
        ],
      });
      await kase.act('officer.gongan', 8 * 24, 'case_conference', {
        heldOn: day0(past(20), 8),
        participants: ['公安县民政局', '埠河镇人民政府', '启航社会工作服务社'],
        decisions: ['启动补贴申请', '社工每两周入户一次'],
      });
      log('  case: assistance');
    }

    const yinuo = await child('刘一诺');
    if (yinuo) {
      const kase = await demo.open('officer.gongan', past(15), { childId: yinuo });
      await kase.act('officer.gongan', 3, 'acknowledge', {});
      await kase.act('officer.gongan', 48, 'assessment', {
        scores: {
          safety: 3,
          guardianship_capacity: 3,
          physical_health: 1,
          mental_health: 1,
          education: 1,
          living_conditions: 2,
        },
        overrides: [],
        notes: {},
      });
      await kase.act('officer.gongan', 5 * 24, 'guardianship_intervention', {
        intervention: {
          measure: 'admonishment',
          issuedBy: '公安县公安局埠河派出所',
          issuedOn: day0(past(15), 5),
          note: '父亲酒后打骂孩子',
        },
      });
      log('  case: guardianship intervention');
    }

    const jun = await child('黄俊');
    if (jun) {
      const old = await demo.open('officer.gongan', past(200), { childId: jun });
      await old.act('officer.gongan', 2, 'acknowledge', {});
      await old.act('officer.gongan', 48, 'assessment', {
        scores: {
          safety: 1,
          guardianship_capacity: 1,
          physical_health: 0,
          mental_health: 0,
          education: 1,
          living_conditions: 1,
        },
        overrides: [],
        notes: {},
      });
      await old.act('officer.gongan', 96, 'assistance_plan', {
        goals: [
          {
            goal: '助学金申请',
            services: ['助学'],
            responsibleOrgId: demo.org('charity'),
            dueOn: day0(past(200), 30),
            status: 'done',
          },
        ],
        benefitTasks: [],
      });
      await old.act('officer.gongan', 90 * 24, 'request_closure', {
        reason: '助学金到位，家庭稳定',
        outcome: '助学金到位，结案',
      });
      await old.act('officer.city', 92 * 24, 'approve_closure', { note: '同意结案' });
      const again = await demo.open('officer.gongan', past(8), { childId: jun, reason: '学校报告辍学' });
      await again.act('officer.gongan', 1, 'acknowledge', {});
      await again.act('officer.gongan', 30, 'assessment', {
        scores: {
          safety: 1,
          guardianship_capacity: 2,
          physical_health: 0,
          mental_health: 1,
          education: 4,
          living_conditions: 1,
        },
        overrides: [],
        notes: {},
      });
      log('  cases: one closed (approved by the city), one in assessment');
    }
    // The escalation the running server would have raised by now, so the demo opens with its alerts.
    const swept = await clockEscalationSweep.run(uow.trx, new Date(now));
    log(`  ${swept.alerts} alerts on overdue clocks`);
  },
};

function day0(from: Date, days: number): string {
  return new Date(from.getTime() + days * day + 8 * hour).toISOString().slice(0, 10);
}
