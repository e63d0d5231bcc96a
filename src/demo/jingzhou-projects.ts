import type { CreateProjectInput } from '../contract/projects/projects.js';
import type { CreateReferralInput } from '../contract/referrals/views.js';
import { appointStaffIn } from '../features/grassroots/service.js';
import { addLicenceIn, declareCapacityIn } from '../features/projects/capacity.js';
import { actOnIncubationIn, startIncubationIn } from '../features/projects/incubation.js';
import {
  addPostIn,
  createProjectIn,
  evaluateIn,
  recordPaymentIn,
  recordSessionIn,
  replyIn,
} from '../features/projects/service.js';
import { actOnReferralIn, requestReferralIn } from '../features/referrals/service.js';
import { recordVisitIn } from '../features/visits/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { day, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * Purchased services (issue 19): 沙市区 and 公安县 each buy a year of services from 童心社工, whose
 * worker 郑晓雯 (also the purchased supervisor of 公安县埠河镇's workstation) accepts and completes
 * referrals, records counselling, family-education and training sessions and (in 公安县) home visits — all
 * through the real use cases at past times, so the project pages count them. 沙市区 paid the first
 * instalment, placed a social worker at the protection centre and did the mid-term evaluation, which
 * the provider answered. 童心社工 declares its people.
 */
export const jingzhouProjectsDemo: DemoSeeder = {
  name: 'jingzhou-projects',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const now = Date.now();
    const past = (days: number, hours = 10) => new Date(now - days * day + (hours - 10) * hour);
    const dayOf = (days: number) => shanghaiDateOf(past(days));
    const orgId = async (name: string) =>
      (await trx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const socialWork = await orgId('荆州市童心社会工作服务中心');
    const centre = await orgId('荆州市未成年人救助保护中心');
    const shashiOfficer = await as('officer.shashi');
    const gonganOfficer = await as('officer.gongan');
    const worker = await as('socialworker');
    const workerUser = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'socialworker')
      .executeTakeFirstOrThrow();

    // The purchased social worker staffs 埠河镇's child-welfare workstation (roster: township supervisor),
    // so the visits module lets her record the home visits of its children.
    await appointStaffIn(
      await as('officer.city'),
      {
        post: 'township_supervisor',
        name: '郑晓雯',
        userId: workerUser.id,
        organisationId: socialWork,
        divisionCodes: [jingzhou.buhe],
        employment: 'full_time',
        otherDuties: '政府购买服务项目社工',
        appointedOn: dayOf(190),
      },
      past(190),
    );

    const indicators = [
      { kind: 'children_served', target: 30 },
      { kind: 'referrals_accepted', target: 12 },
      { kind: 'referrals_completed', target: 10 },
      { kind: 'home_visits', target: 24 },
      { kind: 'counselling_sessions', target: 40 },
      { kind: 'family_education_sessions', target: 12 },
      { kind: 'training_hours', target: 16 },
    ];
    const project = (
      officer: UnitOfWork,
      input: Omit<CreateProjectInput, 'providerOrganisationId' | 'indicators' | 'services'>,
    ) =>
      createProjectIn(officer, {
        ...input,
        providerOrganisationId: socialWork,
        services: ['psychological_counselling', 'family_education_guidance', 'volunteer_companionship'],
        indicators,
      });
    const startsOn = dayOf(200);
    const endsOn = shanghaiDateOf(new Date(now + 165 * day));
    const shashiProject = await project(shashiOfficer, {
      title: '沙市区困境儿童关爱保护服务项目',
      contractNumber: 'SSMZ-GM-2026-07',
      startsOn,
      endsOn,
      areaCodes: [jingzhou.shashi],
      budgetFen: 36_000_000,
      paymentSchedule: [
        { dueOn: startsOn, plannedFen: 14_400_000 },
        { dueOn: dayOf(20), plannedFen: 10_800_000 },
        { dueOn: endsOn, plannedFen: 10_800_000 },
      ],
    });
    await project(gonganOfficer, {
      title: '公安县留守儿童社会工作服务项目',
      contractNumber: 'GAMZ-GM-2026-03',
      startsOn: dayOf(150),
      endsOn: shanghaiDateOf(new Date(now + 215 * day)),
      areaCodes: [jingzhou.gongan],
      budgetFen: 24_000_000,
      paymentSchedule: [
        { dueOn: dayOf(150), plannedFen: 12_000_000 },
        { dueOn: shanghaiDateOf(new Date(now + 200 * day)), plannedFen: 12_000_000 },
      ],
    });

    // The worker's real work: referrals of 岑河镇's children, served and completed, with sessions and visits.
    const cenheChildren = await trx
      .selectFrom('children')
      .select(['id', 'name'])
      .where('residence_code', 'like', `${jingzhou.cenhe.slice(0, 9)}%`)
      .where('status', '=', 'active')
      .orderBy('file_no')
      .limit(3)
      .execute();
    const gonganChildren = await trx
      .selectFrom('children')
      .select(['id', 'name'])
      .where('residence_code', 'like', `${jingzhou.buhe.slice(0, 9)}%`)
      .where('status', '=', 'active')
      .orderBy('file_no')
      .limit(2)
      .execute();
    const refer = async (
      officer: UnitOfWork,
      child: { id: string },
      at: Date,
      input: Partial<CreateReferralInput> = {},
    ) =>
      (
        await requestReferralIn(
          officer,
          {
            childId: child.id,
            toOrganisationId: socialWork,
            service: 'psychological_counselling',
            shares: ['identity', 'family'],
            documentIds: [],
            reason: '父母长期在外，孩子孤僻、厌学，需要个案跟进',
            consent: { guardian: 'given', child: 'given' },
            ...input,
          },
          at,
        )
      ).referralId;
    let served = 0;
    for (const [i, child] of cenheChildren.entries()) {
      const start = 150 - i * 30;
      const id = await refer(shashiOfficer, child, past(start));
      await actOnReferralIn(worker, id, { type: 'accept', expectedSeq: 1 }, past(start - 1));
      await actOnReferralIn(worker, id, { type: 'start', expectedSeq: 2 }, past(start - 2));
      for (const week of [2, 9, 16, 23]) {
        await recordSessionIn(
          worker,
          { kind: 'counselling', childId: child.id, heldOn: dayOf(start - week), minutes: 50, attendees: 1 },
          past(start - week, 16),
        );
      }
      await recordSessionIn(
        worker,
        { kind: 'family_education', childId: child.id, heldOn: dayOf(start - 12), minutes: 90, attendees: 2 },
        past(start - 12, 16),
      );
      if (i < 2) {
        await actOnReferralIn(
          worker,
          id,
          { type: 'complete', expectedSeq: 3, outcome: '完成个案辅导，情绪与学习状态明显好转，转入常规随访' },
          past(start - 28),
        );
      }
      served += 1;
    }
    for (const [i, child] of gonganChildren.entries()) {
      const start = 80 - i * 20;
      const id = await refer(gonganOfficer, child, past(start), { service: 'family_education_guidance' });
      await actOnReferralIn(worker, id, { type: 'accept', expectedSeq: 1 }, past(start - 1));
      await actOnReferralIn(worker, id, { type: 'start', expectedSeq: 2 }, past(start - 2));
      for (const after of [3, 24]) {
        await recordVisitIn(
          worker,
          {
            childId: child.id,
            visitedOn: dayOf(start - after),
            kind: 'routine',
            respondentName: '祖母',
            respondentRelation: '祖母',
            keyAttention: false,
            findings: { guardianship: '祖母照料，已参加家长课堂', stateOfMind: '情绪平稳，愿意交流' },
          },
          past(start - after, 15),
        );
      }
      await recordSessionIn(
        worker,
        {
          kind: 'family_education',
          childId: child.id,
          heldOn: dayOf(start - 10),
          minutes: 90,
          attendees: 2,
          attendedBy: [{ name: `${child.name.slice(0, 1)}桂芳`, relation: 'grandmother' }],
        },
        past(start - 10, 16),
      );
      if (i === 0)
        await actOnReferralIn(
          worker,
          id,
          { type: 'complete', expectedSeq: 3, outcome: '祖辈完成六次家庭教育指导，照料方式改善' },
          past(start - 30),
        );
      served += 1;
    }
    for (const [daysAgo, place] of [
      [120, jingzhou.cenhe],
      [45, jingzhou.zhongshan],
    ] as const)
      await recordSessionIn(
        worker,
        {
          kind: 'training',
          divisionCode: place,
          heldOn: dayOf(daysAgo),
          minutes: 180,
          attendees: 35,
          note: '儿童主任业务培训',
        },
        past(daysAgo, 16),
      );

    // 沙市区: the first instalment paid, a post at the protection centre, the mid-term evaluation answered.
    const firstPayment = await trx
      .selectFrom('project_payments')
      .select('version')
      .where('project_id', '=', shashiProject)
      .where('instalment', '=', 1)
      .executeTakeFirstOrThrow();
    await recordPaymentIn(shashiOfficer, shashiProject, 1, {
      expectedVersion: firstPayment.version,
      paidOn: dayOf(190),
      paidFen: 14_400_000,
      voucher: 'SSCZ-2026-0412',
    });
    await addPostIn(shashiOfficer, shashiProject, {
      personName: '郑晓雯',
      userId: workerUser.id,
      hostOrganisationId: centre,
      startsOn: dayOf(180),
      endsOn: shanghaiDateOf(new Date(now + 150 * day)),
    });
    await evaluateIn(shashiOfficer, shashiProject, {
      stage: 'mid_term',
      evaluatedOn: dayOf(10),
      findings: '个案辅导推进扎实；入户随访和家庭教育指导进度落后于目标，下半年需加强。',
    });
    await replyIn(worker, shashiProject, 'mid_term', {
      expectedVersion: 1,
      reply: '已调整排班，下半年每月增加两次入户随访和一次家长课堂。',
    });

    await declareCapacityIn(worker, socialWork, {
      expectedVersion: null,
      staff: 18,
      volunteers: 65,
      declaredCounties: [jingzhou.shashi, jingzhou.gongan, '421003000000'],
    });
    for (const [personName, level, licenceYear] of [
      ['郑晓雯', 'intermediate', 2019],
      ['许嘉怡', 'assistant', 2022],
      ['高远', 'senior', 2016],
    ] as const)
      await addLicenceIn(worker, socialWork, { personName, level, licenceYear });
    await seedIncubations(shashiOfficer, gonganOfficer, await as('officer.city'), dayOf);
    log(`  2 purchased-service projects, ${served} children served by 童心社工; 3 incubations`);
  },
};

/**
 * Incubation records (§4.3.1): 沙市区's incubation base brought a volunteer association to registration;
 * 公安县 is incubating a mutual-aid group in 埠河镇 (milestones, training, seed funding); the city has
 * just started one in 石首市, a county no social organisation serves.
 */
async function seedIncubations(
  shashi: UnitOfWork,
  gongan: UnitOfWork,
  city: UnitOfWork,
  dayOf: (days: number) => string,
): Promise<void> {
  const at = (days: number) => new Date(`${dayOf(days)}T02:00:00Z`);
  const registered = await startIncubationIn(
    shashi,
    {
      name: '沙市区童心守护志愿者协会',
      incubator: '沙市区社会组织孵化基地',
      divisionCode: jingzhou.shashi,
      startsOn: dayOf(400),
      plannedEndOn: dayOf(35),
      services: ['psychological_counselling'],
    },
    at(400),
  );
  const steps = [
    { type: 'record_support', kind: 'premises', givenOn: dayOf(395) },
    { type: 'record_milestone', title: '组建理事会，完成章程起草', reachedOn: dayOf(300) },
    { type: 'record_support', kind: 'seed_funding', givenOn: dayOf(280), amountFen: 3_000_000 },
    { type: 'register', registeredOn: dayOf(60), registrationNumber: '52421002MJY123456X' },
  ] as const;
  for (const [index, step] of steps.entries())
    await actOnIncubationIn(shashi, registered, { ...step, expectedSeq: index + 1 }, at(60));
  const buhe = await startIncubationIn(
    gongan,
    {
      name: '埠河镇留守儿童关爱互助会',
      incubator: '荆州市童心社会工作服务中心',
      divisionCode: jingzhou.buhe,
      startsOn: dayOf(150),
      plannedEndOn: dayOf(-215),
      services: ['family_education_guidance'],
    },
    at(150),
  );
  await actOnIncubationIn(
    gongan,
    buhe,
    { type: 'record_support', expectedSeq: 1, kind: 'training', givenOn: dayOf(140), note: '骨干能力培训 3 次' },
    at(140),
  );
  await actOnIncubationIn(
    gongan,
    buhe,
    { type: 'record_milestone', expectedSeq: 2, title: '首次开展暑期陪伴活动', reachedOn: dayOf(90) },
    at(90),
  );
  await actOnIncubationIn(
    gongan,
    buhe,
    { type: 'record_support', expectedSeq: 3, kind: 'mentoring', givenOn: dayOf(30) },
    at(30),
  );
  await startIncubationIn(
    city,
    {
      name: '石首市护苗志愿服务队',
      incubator: '荆州市社会组织孵化中心',
      divisionCode: '421081000000',
      startsOn: dayOf(20),
      plannedEndOn: dayOf(-345),
      services: [],
    },
    at(20),
  );
}
