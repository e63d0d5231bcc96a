import { sql } from 'kysely';
import type { PlanServiceInput } from '../contract/case-network/views.js';
import { systemScope } from '../core/scope/system-scope.js';
import { caseLeadIn, openCaseIn } from '../features/cases/service.js';
import {
  actOnLeadTransferIn,
  actOnServiceIn,
  planServiceIn,
  requestLeadTransferIn,
} from '../features/case-network/service.js';
import { actOnReferralIn } from '../features/referrals/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { jingzhou } from './jingzhou-organisations.js';
import { day, demoContext, hour } from './jingzhou-cases-context.js';

/**
 * Services in a case plan and a transfer of a case's lead (issue 15), run by the demo's people at
 * past times: 沙市区民政局 opens a case for a child nobody has worked with and plans four services
 * in it — counselling referred to the social work organisation (sharing identity and assessment)
 * and delivered when the referral completes; family-education guidance delivered by the lead itself; cash assistance not delivered
 * (reason); schooling support overdue — and hands another case's lead to 公安县民政局 when the family
 * moves there.
 */
export const jingzhouCaseNetworkDemo: DemoSeeder = {
  name: 'jingzhou-case-network',
  async seed(uow, log) {
    const demo = await demoContext(uow);
    const as = actingAs(uow);
    const officer = await as('officer.shashi');
    const worker = await as('socialworker');
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);
    const socialWork = demo.org('socialWorkA');
    const led = await uow.trx
      .selectFrom('cases')
      .select('id')
      .where(systemScope('the demo picks the district’s cases to plan services in'))
      .where('lead_org_id', '=', demo.org('shashiCivilAffairs'))
      .orderBy('case_no')
      .execute();
    const open: string[] = [];
    for (const { id } of led) {
      const kase = await caseLeadIn(uow.trx, officer.actor, id);
      if (kase && kase.status !== 'closed') open.push(id);
    }
    const moving = open[0];
    // The plan is made in a case opened for a child of the district the social work organisation has
    // never served (no case, no referral, no participation; not one of the 岑河镇 children the purchased
    // project refers to it later): what it sees of the file is only what a referral shares, and once the
    // referral ends it sees nothing (the journey checks both).
    const fresh = await uow.trx
      .selectFrom('children')
      .select('id')
      .where(systemScope('the demo picks a district child nobody has worked with yet'))
      .where('residence_code', 'like', `${jingzhou.shashi.slice(0, 6)}%`)
      .where((eb) =>
        eb(
          'id',
          'not in',
          eb
            .selectFrom('children as project')
            .select('project.id')
            .where('project.residence_code', 'like', `${jingzhou.cenhe.slice(0, 9)}%`)
            .where('project.status', '=', 'active')
            .orderBy('project.file_no')
            .limit(3),
        ),
      )
      .where('status', '=', 'active')
      .where((eb) =>
        eb.not(
          eb.or([
            eb.exists(eb.selectFrom('cases').select(sql`1`.as('one')).whereRef('cases.child_id', '=', 'children.id')),
            eb.exists(
              eb
                .selectFrom('referrals')
                .select(sql`1`.as('one'))
                .whereRef('referrals.child_id', '=', 'children.id')
                .where('referrals.to_org_id', '=', socialWork),
            ),
            eb.exists(
              eb
                .selectFrom('child_participations')
                .select(sql`1`.as('one'))
                .whereRef('child_participations.child_id', '=', 'children.id'),
            ),
          ]),
        ),
      )
      .orderBy('file_no')
      .executeTakeFirst();
    const planned = fresh
      ? (
          await openCaseIn(
            officer,
            { childId: fresh.id, reportIds: [], participantIds: [], reason: '学校反映儿童长期无人照料、情绪低落' },
            past(25),
          )
        ).caseId
      : open.find((id) => id !== moving);
    if (!planned) return;

    const plan = (at: Date, input: PlanServiceInput) => planServiceIn(officer, planned, input, at);
    const counselling = await plan(past(20), {
      service: 'psychological_counselling',
      providerOrganisationId: demo.org('socialWorkA'),
      responseDays: 30,
      note: '每周一次，共六次',
    });
    await actOnServiceIn(
      officer,
      counselling.serviceId,
      {
        type: 'refer',
        expectedSeq: 1,
        shares: ['identity', 'assessment'],
        reason: '儿童受惊吓后夜间哭闹、不愿出门，需专业心理疏导',
        consent: { guardian: 'given', child: 'given' },
      },
      past(19),
    );
    const { referral_id: referralId } = await uow.trx
      .selectFrom('case_services')
      .select('referral_id')
      .where(systemScope('the demo reads back the referral its service just made'))
      .where('id', '=', counselling.serviceId)
      .executeTakeFirstOrThrow();
    if (referralId) {
      await actOnReferralIn(
        worker,
        referralId,
        { type: 'accept', expectedSeq: 1 },
        new Date(past(19).getTime() + 6 * hour),
      );
      await actOnReferralIn(worker, referralId, { type: 'start', expectedSeq: 2, note: '首次面谈' }, past(17));
      await actOnReferralIn(
        worker,
        referralId,
        { type: 'complete', expectedSeq: 3, outcome: '完成六次个案辅导，睡眠与情绪明显好转' },
        past(3),
      );
    }
    const guidance = await plan(past(20), {
      service: 'family_education_guidance',
      providerOrganisationId: demo.org('shashiCivilAffairs'),
      responseDays: 14,
    });
    await actOnServiceIn(
      officer,
      guidance.serviceId,
      { type: 'deliver', expectedSeq: 1, deliveredOn: shanghaiDateOf(past(9)), note: '入户指导祖父母照料方法' },
      past(9),
    );
    const cash = await plan(past(20), {
      service: 'cash_assistance',
      providerOrganisationId: demo.org('charity'),
      responseDays: 10,
    });
    await actOnServiceIn(
      officer,
      cash.serviceId,
      {
        type: 'not_deliver',
        expectedSeq: 1,
        decidedOn: shanghaiDateOf(past(8)),
        reason: '家庭已纳入低保，无需临时救助',
      },
      past(8),
    );
    await plan(past(12), {
      service: 'education_support',
      providerOrganisationId: demo.org('shashiCivilAffairs'),
      responseDays: 5,
      note: '协调转学与课后托管',
    });

    if (moving) {
      const gongan = await as('officer.gongan');
      const { transferId } = await requestLeadTransferIn(
        officer,
        moving,
        {
          toOrganisationId: demo.org('gonganCivilAffairs'),
          reason: '儿童随母亲迁居公安县斗湖堤镇，由公安县民政局牵头',
        },
        past(6),
      );
      await actOnLeadTransferIn(
        gongan,
        transferId,
        { type: 'accept', expectedSeq: 1, note: '已与斗湖堤镇对接，安排首次走访' },
        past(5),
      );
    }
    log(`  4 planned services in a case${moving ? ' and a lead moved from 沙市区 to 公安县' : ''}`);
  },
};
