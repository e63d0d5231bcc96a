import type { RecommendationActionInput } from '../contract/recommendations/views.js';
import { systemScope } from '../core/scope/system-scope.js';
import { recordIncidentIn } from '../features/incidents/service.js';
import { actOnRecommendationIn, issueRecommendationIn } from '../features/recommendations/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { day, hour } from './jingzhou-cases-context.js';

/**
 * The city procuratorate's work (seed §3.2), by the demo's people running the real use cases at
 * past times: a recommendation to 岑河镇中心小学 replied within the month and accepted, another to
 * the same school left unanswered past its month (the sweep escalates it), one to the township
 * replied and waiting for the prosecutor's review; and an incident (domestic violence, the child a
 * victim) recorded by the police under a case of 沙市区.
 */
export const jingzhouProcuratorateDemo: DemoSeeder = {
  name: 'jingzhou-procuratorate',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const orgId = async (name: string) =>
      (await trx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);
    const prosecutor = await as('prosecutor');
    const school = await as('reporter.school');
    const township = await as('supervisor.cenhe');
    const schoolId = await orgId('沙市区岑河镇中心小学');
    const townshipId = await orgId('沙市区岑河镇人民政府');
    const issue = async (at: Date, toOrganisationId: string, reference: string, facts: string, recommends: string) =>
      (await issueRecommendationIn(prosecutor, { toOrganisationId, reference, facts, recommends }, at))
        .recommendationId;
    const act = (who: UnitOfWork, id: string, at: Date, input: RecommendationActionInput) =>
      actOnRecommendationIn(who, id, input, at);

    const closed = await issue(
      past(50),
      schoolId,
      '荆检建〔2026〕3号',
      '该校一名学生长期遭受家庭暴力，班主任发现身体伤痕后未按强制报告制度及时报告。',
      '一、建立强制报告工作台账；二、组织全体教职工开展强制报告制度培训；三、于收到本建议后一个月内书面回复。',
    );
    await act(school, closed, past(31), {
      type: 'reply',
      expectedSeq: 1,
      text: '我校已建立强制报告台账，指定德育处专人负责，并于本月完成全体教职工专题培训（签到表附后）。',
      documentReference: '岑小〔2026〕7号',
    });
    await act(prosecutor, closed, past(28), { type: 'accept', expectedSeq: 2, note: '整改到位，予以办结' });

    await issue(
      past(38),
      schoolId,
      '荆检建〔2026〕5号',
      '该校未建立学生欺凌防治工作机制，一起持续两个月的欺凌事件未被发现和处置。',
      '建立学生欺凌防治工作机制，开展排查，并在一个月内书面回复整改情况。',
    );

    const review = await issue(
      past(25),
      townshipId,
      '荆检建〔2026〕6号',
      '辖区部分留守儿童的定期随访记录缺失，儿童主任未按要求每月入户。',
      '督促村（居）儿童主任落实定期随访，建立随访台账，一个月内书面回复。',
    );
    await act(township, review, new Date(past(6).getTime() + 3 * hour), {
      type: 'reply',
      expectedSeq: 1,
      text: '已召开全镇儿童主任工作会议，逐村核查随访记录，建立月度随访台账。',
      documentReference: '岑政〔2026〕12号',
    });

    const kase = await trx
      .selectFrom('cases')
      .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
      .select(['cases.id', 'cases.child_id', 'cases.opened_at'])
      .where('lead.name', '=', '荆州市沙市区民政局')
      .where(systemScope('the demo picks a case of the district to record an incident under'))
      .orderBy('cases.opened_at')
      .executeTakeFirst();
    if (kase) {
      const recordedAt = new Date(Math.min(now - hour, Math.max(kase.opened_at.getTime() + hour, past(20).getTime())));
      await recordIncidentIn(
        await as('officer.shashi'),
        {
          childId: kase.child_id,
          caseId: kase.id,
          harmKind: 'domestic_violence',
          occurredOn: shanghaiDateOf(new Date(recordedAt.getTime() - 2 * day)),
          place: '家中',
          perpetratorRelation: 'step_parent',
          childRole: 'victim',
          description: '继父酒后殴打，邻居报警后民警到场制止。',
        },
        recordedAt,
      );
    }
    log('  procuratorate: 3 recommendations (closed, overdue, replied), 1 incident');
  },
};
