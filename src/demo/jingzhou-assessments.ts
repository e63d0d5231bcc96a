import { bestAnswers } from '../contract/assessments/engine.js';
import type { AssessmentItem } from '../contract/assessments/standard.js';
import { systemScope } from '../core/scope/system-scope.js';
import { correctAssessmentIn, recordAssessmentIn } from '../features/assessments/service.js';
import { recordStaffRecordIn, recordTrainingIn } from '../features/grassroots/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { day } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

type Answers = Partial<Record<AssessmentItem, string>>;

/**
 * Guardianship assessments (DB42/T 1969-2023) of four named children and two training sessions of
 * the grassroots team, run through the real use cases at past times: 张浩然 (grandfather frail, a
 * key-attention visit) is assessed "missing" by the township supervisor, so the county civil
 * affairs of 沙市区 has it to take up; 李明轩's assessment is corrected once (a revision kept).
 */
export const jingzhouAssessmentsDemo: DemoSeeder = {
  name: 'jingzhou-assessments',
  async seed(uow, log) {
    const { trx } = uow;
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);
    const on = (days: number) => shanghaiDateOf(past(days));
    const as = actingAs(uow);
    const childId = async (name: string) =>
      (
        await trx
          .selectFrom('children')
          .where(systemScope('the demo looks up its named children'))
          .select('id')
          .where('name', '=', name)
          .where('residence_code', 'in', [jingzhou.chenlong, jingzhou.shakou, jingzhou.nongli, jingzhou.heyi])
          .executeTakeFirst()
      )?.id;
    let assessments = 0;
    const assess = async (username: string, name: string, daysAgo: number, answers: Answers, notes: string) => {
      const id = await childId(name);
      if (!id) return null;
      assessments += 1;
      return recordAssessmentIn(
        await as(username),
        {
          childId: id,
          assessedOn: on(daysAgo),
          trigger: 'risk_clue',
          answers: { ...bestAnswers(), ...answers },
          overrides: [],
          notes,
        },
        past(daysAgo),
      );
    };
    await assess(
      'director.chenlong',
      '李小雨',
      120,
      { communication: 'occasional', study_support: 'little' },
      '祖母照料尽心，学习辅导不足',
    );
    const mingxuan = await assess(
      'director.chenlong',
      '李明轩',
      90,
      { communication: 'rare', awareness: 'partial', income_level: 'low', study_support: 'none', peers: 'limited' },
      '父母常年在外，祖父母年事已高',
    );
    if (mingxuan)
      await correctAssessmentIn(
        await as('director.chenlong'),
        mingxuan,
        {
          version: 1,
          answers: {
            ...bestAnswers(),
            communication: 'rare',
            awareness: 'partial',
            income_level: 'low',
            study_support: 'none',
            peers: 'limited',
            basic_needs: 'partly_met',
            guardian_physical: 'ill_but_able',
          },
        },
        past(89),
      );
    await assess(
      'supervisor.cenhe',
      '张浩然',
      18,
      {
        supervision: 'intermittent',
        guardian_physical: 'unable',
        guardian_conduct: 'detained_or_absent',
        income_level: 'none',
        basic_needs: 'unmet',
        communication: 'none',
        awareness: 'none',
        housing: 'unsafe_or_none',
        hygiene: 'poor',
        relatives: 'none',
        study_support: 'none',
        emotions: 'persistent_distress',
        schooling: 'irregular',
        harm: 'neglected',
      },
      '祖父年老体弱无力照料，父亲服刑，母亲失联；建议报告民政部门并评估撤销监护资格',
    );
    await assess('director.nongli', '周子豪', 60, {}, '家庭照料良好');

    const staff = async (name: string) =>
      (await trx.selectFrom('grassroots_staff').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const organisation = async (division: string) =>
      (
        await trx
          .selectFrom('organisations')
          .select('id')
          .where('division_code', '=', division)
          .where('kind', '=', 'civil_affairs_bureau')
          .executeTakeFirstOrThrow()
      ).id;
    await recordTrainingIn(
      await as('officer.shashi'),
      {
        topic: '儿童主任岗位培训：入户随访、强制报告与家庭监护能力评估（DB42/T 1969-2023）',
        heldOn: on(150),
        hours: 6,
        trainer: '荆州市未成年人保护中心',
        organisationId: await organisation(jingzhou.shashi),
        divisionCode: jingzhou.shashi,
        certificate: '儿童主任岗位培训合格证',
        attendees: [
          { staffId: await staff('李桂兰'), certificateNo: 'JZSS-2026-011' },
          { staffId: await staff('张秀英'), certificateNo: 'JZSS-2026-012' },
        ],
      },
      past(150),
    );
    await recordTrainingIn(
      await as('officer.gongan'),
      {
        topic: '困境儿童分类保障政策与台账规范',
        heldOn: on(75),
        hours: 3.5,
        trainer: '公安县民政局儿童福利股',
        organisationId: await organisation(jingzhou.gongan),
        divisionCode: jingzhou.gongan,
        attendees: [{ staffId: await staff('周美珍') }],
      },
      past(75),
    );
    await recordStaffRecordIn(
      await as('officer.shashi'),
      await staff('李桂兰'),
      { kind: 'subsidy', decidedOn: on(40), amount: 600, reason: '儿童主任工作补贴（上半年）' },
      past(40),
    );
    await recordStaffRecordIn(
      await as('officer.shashi'),
      await staff('王春梅'),
      { kind: 'accountability', decidedOn: on(25), reason: '沙口村重点儿童逾期未随访，约谈提醒' },
      past(25),
    );
    log(`  ${assessments} guardianship assessments, 2 training sessions`);
  },
};
