import { sql } from 'kysely';
import type { ApplicationActionInput } from '../contract/benefits/applications.js';
import { actOnApplicationIn, applyForBenefitIn, leaveRegistryIn, runPaymentsIn } from '../features/benefits/service.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';

/** 'YYYY-MM' of the month `back` months before the one `now` is in (Shanghai). */
function monthBefore(now: Date, back: number): string {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Three months of payment runs for a county of J city (the three months before today: September to November
 * 2026 when the demo is built in December), by the city's civil affairs officer running the real use case early
 * in the following month. Between the runs a benefit is approved, a child on the dibao add-on gets
 * the 120 allowance as a difference top-up, and an adopted child leaves — so each run explains its
 * changes from the last. Children of the county's 低保 and 特困 households (the social-assistance
 * rolls) are on the 低保/特困 child add-on: one paid in every run, one new in the second.
 */
export const jingzhouPaymentsDemo: DemoSeeder = {
  name: 'jingzhou-payments',
  async seed(uow, log) {
    const now = new Date();
    const as = actingAs(uow);
    const [m1, m2, m3] = [monthBefore(now, 3), monthBefore(now, 2), monthBefore(now, 1)];
    const before = monthBefore(now, 4);
    const candidates = () =>
      uow.trx
        .selectFrom('children')
        .select(['id', 'version', 'residence_code'])
        .where('status', '=', 'active')
        .where('birth_date', '>', `${Number(m1.slice(0, 4)) - 15}-01-01`)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('benefit_applications').select('id').whereRef('child_id', '=', 'children.id'))),
        )
        // Children of 岑河镇 last (its named children's lists are counted by tests), newest files first.
        .orderBy(sql`residence_code LIKE '421002101%'`)
        .orderBy('file_no', 'desc');
    const first = await candidates().where('residence_code', 'like', '4210%').executeTakeFirst();
    if (!first) return log('  payments: no demo child without an application, skipped');
    const county = `${first.residence_code.slice(0, 6)}000000`;
    const children = await candidates()
      .where('residence_code', 'like', `${county.slice(0, 6)}%`)
      .limit(4)
      .execute();
    if (children.length < 4) return log('  payments: not enough demo children in one county, skipped');
    // Children of 低保 and 特困 households of that county, for the place's child add-on (低保/特困儿童附加补助).
    const onRoll = (kind: 'dibao' | 'tekun') =>
      candidates()
        .where('residence_code', 'like', `${county.slice(0, 6)}%`)
        .where(sql<boolean>`household_benefits @> ARRAY[${kind}]::text[]`)
        .where(
          'id',
          'not in',
          children.map((c) => c.id),
        )
        .executeTakeFirst();
    const dibao = await onRoll('dibao');
    const tekun = await onRoll('tekun');
    const officer = await as('officer.city');
    const approve = async (index: number | string, benefitType: string, receivedOn: string, approvedOn: string) => {
      const id = await applyForBenefitIn(
        officer,
        {
          childId: typeof index === 'string' ? index : children[index]!.id,
          benefitType,
          receivedOn,
          applicantKind: 'guardian',
          applicantName: '刘桂兰',
          applicantRelation: '祖母',
          documents: ['application_form', 'household_register'],
        },
        now,
      );
      const steps: ApplicationActionInput[] = [
        {
          type: 'verify',
          expectedSeq: 1,
          occurredOn: receivedOn,
          findings: '与户籍、民政数据比对属实',
          recommendation: 'approve',
        },
        { type: 'approve', expectedSeq: 2, occurredOn: approvedOn },
      ];
      for (const step of steps) await actOnApplicationIn(officer, id, step, now);
    };
    await approve(0, '201', `${before}-03`, `${before}-20`);
    await approve(1, '120', `${before}-05`, `${before}-22`);
    await approve(2, 'local.dibao_child_addon', `${before}-06`, `${before}-25`);
    // Approved during the first month: paid from the second, with the dibao add-on as top-up.
    await approve(2, '120', `${m1}-02`, `${m1}-18`);
    await approve(3, '201', `${m1}-04`, `${m1}-21`);
    // On the rolls: a 低保 child paid the add-on in every run, a 特困 child from the second.
    if (dibao) await approve(dibao.id, 'local.dibao_child_addon', `${before}-08`, `${before}-26`);
    if (tekun) await approve(tekun.id, 'local.dibao_child_addon', `${m1}-06`, `${m1}-24`);
    const run = (month: string) => runPaymentsIn(officer, { county, month }, new Date(`${month}-05T10:00:00+08:00`));
    await run(m1);
    await run(m2);
    // Adopted in the second month: not in the third month's run.
    await leaveRegistryIn(
      officer,
      children[1]!.id,
      {
        reason: 'adoption_in_province',
        exitedOn: `${m2}-12`,
        note: '经民政部门登记收养',
        version: children[1]!.version,
      },
      now,
    );
    await run(m3);
    const onAddOn = [dibao, tekun].filter(Boolean).length;
    log(
      `  3 payment runs of ${county} (${m1}, ${m2}, ${m3}), ${5 + onAddOn} approved benefits (${onAddOn} 低保/特困 add-on), 1 exit`,
    );
  },
};
