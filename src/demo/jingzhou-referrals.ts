import { actingAs } from './acting-as.js';
import type { MatrixEdit } from '../contract/service-matrix/views.js';
import type { CreateReferralInput, ReferralActionInput } from '../contract/referrals/views.js';
import { actOnReferralIn, requestReferralIn } from '../features/referrals/service.js';
import { editMatrixIn } from '../features/service-matrix/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';
import type { DemoSeeder } from '../platform/seed.js';
import { day, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * J city's responsibility matrix as practised (seed §4.2.1) and referrals in every status, made by
 * the demo's people running the real use cases at past times. The city lead agency records that
 * the welfare home receives unguarded children as the rescue station does (an overlap the report
 * shows), and that in 沙市区 civil affairs leaves medical aid to a health body the district lacks
 * (its gap).
 */
export const jingzhouReferralsDemo: DemoSeeder = {
  name: 'jingzhou-referrals',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const orgId = async (name: string) =>
      (await trx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);

    const cityOfficer = await as('officer.city');
    const matrixDay = past(60);
    const cityEdit: MatrixEdit = {
      validFrom: shanghaiDateOf(matrixDay),
      expectedVersion: 0,
      note: '按实际运行：救助管理站与儿童福利院均接收无人监护儿童',
      cells: [
        { service: 'temporary_care', kind: 'rescue_station', responsibility: 'leads' },
        { service: 'temporary_care', kind: 'child_welfare_home', responsibility: 'leads' },
      ],
    };
    await editMatrixIn(cityOfficer, jingzhou.city, cityEdit, matrixDay);
    await editMatrixIn(
      cityOfficer,
      jingzhou.shashi,
      {
        validFrom: shanghaiDateOf(matrixDay),
        expectedVersion: 0,
        note: '区民政局不再承担医疗救助经办，转由卫健部门牵头',
        cells: [{ service: 'medical_treatment', kind: 'civil_affairs_bureau', responsibility: 'none' }],
      },
      matrixDay,
    );

    const children = await trx
      .selectFrom('children')
      .select(['id', 'name'])
      .where('residence_code', 'like', `${jingzhou.shashi.slice(0, 6)}%`)
      .where('status', '=', 'active')
      .orderBy('file_no')
      .limit(5)
      .execute();
    if (children.length === 0) return;
    const officer = await as('officer.shashi');
    const worker = await as('socialworker');
    const charity = await as('charity');
    const socialWork = await orgId('荆州市童心社会工作服务中心');
    const charityOrg = await orgId('荆州市慈善总会');
    const refer = async (at: Date, child: { id: string }, input: Partial<CreateReferralInput>) =>
      (
        await requestReferralIn(
          officer,
          {
            childId: child.id,
            toOrganisationId: socialWork,
            service: 'psychological_counselling',
            shares: ['identity', 'assessment'],
            documentIds: [],
            reason: '儿童情绪低落、不愿上学，需专业心理疏导',
            consent: { guardian: 'given', child: 'given' },
            ...input,
          },
          at,
        )
      ).referralId;
    const act = (who: UnitOfWork, id: string, at: Date, input: ReferralActionInput) =>
      actOnReferralIn(who, id, input, at);

    // The district's named children, as many as there are (one child may have several referrals).
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => children[i % children.length]!) as [
      (typeof children)[number],
      (typeof children)[number],
      (typeof children)[number],
      (typeof children)[number],
      (typeof children)[number],
    ];
    // Waiting for the social work organisation's answer (in its inbox).
    await refer(past(1), a, {});
    // Accepted and in progress: the worker sees identity and family only.
    const inProgress = await refer(past(12), b, {
      service: 'family_education_guidance',
      shares: ['identity', 'family'],
      reason: '祖辈照料方式简单粗暴，需家庭教育指导',
    });
    await act(worker, inProgress, new Date(past(12).getTime() + 5 * hour), { type: 'accept', expectedSeq: 1 });
    await act(worker, inProgress, past(10), { type: 'start', expectedSeq: 2, note: '首次入户' });
    // Completed by the charity: the outcome is on the child's timeline, the access ended.
    const done = await refer(past(40), c, {
      toOrganisationId: charityOrg,
      service: 'cash_assistance',
      shares: ['identity', 'assessment'],
      reason: '家庭因病致贫，申请临时资金救助',
    });
    await act(charity, done, new Date(past(40).getTime() + 20 * hour), { type: 'accept', expectedSeq: 1 });
    await act(charity, done, past(25), { type: 'complete', expectedSeq: 2, outcome: '发放临时救助金 3000 元，已到账' });
    // Declined (no capacity), and one withdrawn by the sender.
    const declined = await refer(past(20), d, {});
    await act(worker, declined, new Date(past(20).getTime() + 30 * hour), {
      type: 'decline',
      expectedSeq: 1,
      reason: '本月个案已满，建议转介童馨社工',
    });
    const withdrawn = await refer(past(15), e, { service: 'volunteer_companionship', toOrganisationId: charityOrg });
    await act(officer, withdrawn, past(14), { type: 'withdraw', expectedSeq: 1, reason: '家长已安排亲属陪伴' });
    log('  matrix of J city (overlap, 沙市区 gap) and 5 referrals');
  },
};
