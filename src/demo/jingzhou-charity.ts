import { recordTrainingOutcomeIn, referGuardianIn } from '../features/charity/family-support.js';
import { issueGuidanceOrderIn, recordGuidanceSessionIn } from '../features/charity/guidance.js';
import { actOnNeedIn, addVolunteerIn, raiseNeedIn, recordDonationIn } from '../features/charity/service.js';
import { seedActivities } from './jingzhou-activities.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { day } from './jingzhou-cases-context.js';

/**
 * Charity, volunteers and family support (issue 19): 沙市区's officer raises two needs from children's
 * plans; 荆州市慈善总会 records three donations and two volunteers (one check valid, one expired a
 * month ago: it cannot be matched until renewed) — and its activities (jingzhou-activities.ts) —, matches the winter clothes to a company's gift and
 * hands them over with a receipt; a court's family-education guidance order has its first session
 * attended and the next ones followed; the child's father is referred to vocational training and enrolled. All
 * through the real use cases, at past times.
 */
export const jingzhouCharityDemo: DemoSeeder = {
  name: 'jingzhou-charity',
  async seed(uow, log) {
    const as = actingAs(uow);
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);
    const dayOf = (days: number) => shanghaiDateOf(past(days));
    const officer = await as('officer.shashi');
    const charity = await as('charity');
    const children = await uow.trx
      .selectFrom('children')
      .select('id')
      .where('residence_code', 'like', '421002%')
      .where('status', '=', 'active')
      .orderBy('created_at')
      .limit(2)
      .execute();
    const [first, second] = children;
    if (!first || !second) return log('jingzhou-charity: no children in 沙市区, skipped');
    const clothes = await raiseNeedIn(
      officer,
      { childId: first.id, source: 'plan', kind: 'winter_clothes', description: '冬衣一套、棉被一床（身高约140厘米）' },
      past(30),
    );
    await raiseNeedIn(
      officer,
      { childId: second.id, source: 'visit', kind: 'tutor', description: '初一数学课业辅导，每周一次' },
      past(20),
    );
    const coats = await recordDonationIn(charity, {
      donorKind: 'company',
      donorName: '荆州市某商贸有限公司',
      form: 'in_kind',
      goods: '儿童冬衣30套、棉被30床',
      receivedOn: dayOf(25),
    });
    await recordDonationIn(charity, {
      donorKind: 'person',
      donorName: '张先生',
      form: 'cash',
      amountFen: 80_000,
      receivedOn: dayOf(15),
    });
    await recordDonationIn(charity, { donorKind: 'anonymous', form: 'cash', amountFen: 50_000, receivedOn: dayOf(5) });
    const jing = await addVolunteerIn(
      charity,
      { name: '李静', skills: ['课业辅导', '陪伴'], availability: '周末', checkPassedOn: dayOf(60) },
      new Date(now),
    );
    await addVolunteerIn(
      charity,
      { name: '王强', skills: ['心理陪伴'], availability: '工作日晚上', checkPassedOn: dayOf(400) },
      new Date(now),
    );
    const min = await addVolunteerIn(
      charity,
      { name: '赵敏', skills: ['手工', '陪伴'], availability: '周六上午', checkPassedOn: dayOf(30) },
      new Date(now),
    );
    await seedActivities(uow, charity, { jing, min }, now);
    await actOnNeedIn(charity, clothes, { type: 'match', expectedSeq: 1, donationId: coats }, past(24));
    await actOnNeedIn(
      charity,
      clothes,
      { type: 'hand_over', expectedSeq: 2, handedOn: dayOf(22), receivedBy: '儿童祖母' },
      past(22),
    );
    const order = await issueGuidanceOrderIn(
      officer,
      {
        childId: second.id,
        issuedBy: '荆州市沙市区人民法院',
        issuedOn: dayOf(35),
        guardian: '儿童父亲',
        sessions: 4,
        everyDays: 14,
      },
      past(35),
    );
    await recordGuidanceSessionIn(officer, order, 1, { heldOn: dayOf(21), attended: true }, past(21));
    const training = await referGuardianIn(
      officer,
      second.id,
      { guardian: '儿童父亲', course: '电工职业技能培训', provider: '沙市区职业技能培训中心', referredOn: dayOf(30) },
      past(30),
    );
    await recordTrainingOutcomeIn(
      officer,
      training,
      { expectedVersion: 1, status: 'enrolled', on: dayOf(18) },
      past(18),
    );
    log(
      'jingzhou-charity: 2 needs (1 handed over), 3 donations, 3 volunteers (1 check expired), 2 activities, 1 guidance order, 1 guardian in training',
    );
  },
};
