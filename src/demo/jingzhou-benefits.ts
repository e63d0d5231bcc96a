import type { ApplicationActionInput, ApplyInput } from '../contract/benefits/applications.js';
import { actOnApplicationIn, applyForBenefitIn, leaveRegistryIn } from '../features/benefits/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import { actingAs } from './acting-as.js';
import type { DemoSeeder } from '../platform/seed.js';

const day = 24 * 3_600_000;
type Body = ApplicationActionInput extends infer T
  ? T extends unknown
    ? Omit<T, 'expectedSeq' | 'occurredOn'>
    : never
  : never;

/**
 * Benefit applications in every state for children of 岑河镇, made by the demo's people running the
 * real actions with the dates on the paper: received, accepted, verified, approved, refused (late),
 * withdrawn, and one ended because the child was adopted.
 */
export const jingzhouBenefitsDemo: DemoSeeder = {
  name: 'jingzhou-benefits',
  async seed(uow, log) {
    const { trx } = uow;
    const now = new Date();
    const on = (daysAgo: number) => shanghaiDateOf(new Date(now.getTime() - daysAgo * day));
    const as = actingAs(uow);
    // The named children of 岑河镇 get applications only (their lists are counted by tests); the
    // adoption exit is of a synthetic child outside the named children's counties.
    const named = await trx
      .selectFrom('children')
      .select(['id', 'version'])
      .where('residence_code', 'like', '421002101%')
      .where('status', '=', 'active')
      .orderBy('file_no')
      .limit(4)
      .execute();
    const synthetic = await trx
      .selectFrom('children')
      .select(['id', 'version'])
      .where('residence_code', 'not like', '421002%')
      .where('residence_code', 'not like', '421022%')
      .where('residence_code', 'like', '4210%')
      .where('status', '=', 'active')
      .where('birth_date', '>', on(365 * 15))
      .orderBy('file_no')
      .limit(1)
      .execute();
    if (named.length < 4 || synthetic.length < 1) return log('  benefits: not enough demo children, skipped');
    const children = [named[0]!, named[1]!, named[2]!, named[3]!, synthetic[0]!];
    const apply = async (
      index: number,
      receivedDaysAgo: number,
      input: Partial<ApplyInput> = {},
      by = 'director.chenlong',
    ) => {
      const id = await applyForBenefitIn(
        await as(by),
        {
          childId: children[index]!.id,
          benefitType: '120',
          receivedOn: on(receivedDaysAgo),
          applicantKind: 'guardian',
          applicantName: '陈德福',
          applicantRelation: '祖父',
          documents: ['application_form', 'household_register', 'judgment_or_detention'],
          ...input,
        },
        now,
      );
      let seq = 1;
      const act = async (username: string, daysAgo: number, body: Body) => {
        await actOnApplicationIn(
          await as(username),
          id,
          { ...body, expectedSeq: seq, occurredOn: on(daysAgo) } as ApplicationActionInput,
          now,
        );
        seq += 1;
      };
      return { id, act };
    };
    const findings = '与户籍、司法、公安数据比对：父亲服刑中，母亲失联逾六个月，情况属实';

    await apply(0, 3);
    const verifying = await apply(1, 10, { benefitType: '201', applicantKind: 'relative', applicantName: '陈秀兰' });
    await verifying.act('supervisor.cenhe', 8, { type: 'accept' });
    const verified = await apply(1, 25);
    await verified.act('supervisor.cenhe', 22, { type: 'accept' });
    await verified.act('supervisor.cenhe', 9, { type: 'verify', findings, recommendation: 'approve' });
    const approved = await apply(
      2,
      80,
      { applicantKind: 'village_committee', applicantName: '沙口村村民委员会' },
      'supervisor.cenhe',
    );
    await approved.act('supervisor.cenhe', 76, { type: 'accept' });
    await approved.act('supervisor.cenhe', 62, { type: 'verify', findings, recommendation: 'approve' });
    await approved.act('officer.shashi', 50, { type: 'approve', note: '自次月起发放' });
    const refused = await apply(3, 90, { benefitType: '300' }, 'supervisor.cenhe');
    await refused.act('supervisor.cenhe', 60, {
      type: 'verify',
      findings: '未见相关诊断证明',
      recommendation: 'refuse',
    });
    await refused.act('officer.shashi', 30, { type: 'refuse', reasons: '经核实，未提供诊断证明，不符合申请条件' });
    const withdrawn = await apply(0, 20, { benefitType: 'local.education_assistance' });
    await withdrawn.act('director.chenlong', 15, { type: 'withdraw', reason: '监护人申请撤回' });
    const ended = await apply(4, 120, { benefitType: '201' }, 'officer.city');
    await ended.act('officer.city', 110, { type: 'verify', findings, recommendation: 'approve' });
    await ended.act('officer.city', 100, { type: 'approve' });
    await leaveRegistryIn(
      await as('officer.city'),
      children[4]!.id,
      { reason: 'adoption_in_province', exitedOn: on(20), note: '经民政部门登记收养', version: children[4]!.version },
      now,
    );
    log('  7 benefit applications (every state), 1 exit');
  },
};
