import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { DemoSeeder } from '../platform/seed.js';
import { systemScope } from '../core/scope/system-scope.js';
import { acknowledgeReportIn } from '../features/reports/service.js';
import { actingAs } from './acting-as.js';
import { day, demoContext, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';
import { namedChildrenCounties } from './jingzhou-children.js';
import { createRng, type Rng } from './synthetic/prng.js';

/** How many reports the history holds per month: a year that starts quiet and gets busier. */
const reportsInMonth = (back: number, rng: Rng) => 2 + Math.round((11 - back) / 5) + rng.int(0, 1);

const situations = [
  { codes: [6], text: '孩子长期独自在家，无人照料，邻居时常给饭吃。', danger: false },
  { codes: [1, 6], text: '孩子身上有伤，说是被父亲酒后打的，晚上不敢回家。', danger: true },
  { codes: [3], text: '孩子已一个多月没有到校，家里说要让他外出打工。', danger: false },
  { codes: [2], text: '孩子在镇上街头流浪，夜里睡在桥洞下。', danger: true },
  { codes: [6, 8], text: '祖母重病住院，两个孩子无人照看，家中断粮。', danger: true },
  { codes: [4], text: '孩子患重病，家里无力医治，监护人外出务工联系不上。', danger: false },
] as const;

/**
 * Synthetic children of J city outside the named children's districts (whose lists tests count),
 * oldest files first (the payments demo takes the newest): one child per case of the history.
 */
async function historyChildren(trx: Transaction<Database>, count: number) {
  return trx
    .selectFrom('children')
    .where(systemScope('the demo picks children of its own synthetic registry for its history'))
    .select(['id', 'residence_code'])
    .where('status', '=', 'active')
    .where('residence_code', 'like', `${jingzhou.city.slice(0, 4)}%`)
    .where((eb) => eb.and(namedChildrenCounties.map((county) => eb('residence_code', 'not like', `${county}%`))))
    .orderBy('file_no')
    .limit(count)
    .execute();
}

/**
 * A year of the mechanism's history (issue 20: "the demo holds a year of history so trends are
 * visible"): every month some reports about children not yet in the registry, made through the
 * hotline or by a school, acknowledged by each receiver (in time, more often as the year goes on),
 * the police attending the urgent ones, a case opened, assessed and — for all but the last weeks —
 * closed with the city's approval. Deterministic (seeded) apart from today's date; every step is the
 * real use case at its past moment, so the clocks, case log and reads are what the workflow wrote.
 */
export const jingzhouHistoryDemo: DemoSeeder = {
  name: 'jingzhou-history',
  async seed(uow, log) {
    const { trx } = uow;
    const demo = await demoContext(uow);
    const as = actingAs(uow);
    const rng = createRng('jingzhou-history');
    const now = Date.now();
    const children = await historyChildren(trx, 60);
    if (children.length < 40) return log('  history: too few synthetic children, skipped');
    let next = 0;
    // Each receiving organisation's demo person, who acknowledges for it.
    const people = await trx
      .selectFrom('users')
      .select(['username', 'organisation_id'])
      .where('username', 'in', ['officer.city', 'staff.centre'])
      .execute();
    const personOf = new Map(people.map((p) => [p.organisation_id, p.username]));
    const startOfToday = new Date(now - (now % day));
    let reports = 0;
    let closed = 0;
    for (let back = 11; back >= 0; back -= 1) {
      const monthStart = new Date(startOfToday);
      monthStart.setUTCDate(1);
      monthStart.setUTCMonth(monthStart.getUTCMonth() - back);
      const count = reportsInMonth(back, rng);
      for (let i = 0; i < count; i += 1) {
        const t0 = new Date(monthStart.getTime() + rng.int(0, 27) * day + rng.int(8, 19) * hour);
        if (t0.getTime() > now - 2 * day) continue;
        const what = rng.pick(situations);
        const child = children[next % children.length]!;
        next += 1;
        const village = child.residence_code;
        const school = rng.chance(0.3);
        const reportId = await demo.report(
          school ? 'reporter.school' : 'hotline.12338',
          t0,
          school
            ? {
                channel: 'mandated',
                knewAt: new Date(t0.getTime() - rng.int(1, rng.chance(0.8) ? 20 : 60) * hour).toISOString(),
                situations: [...what.codes],
                description: `学校报告：${what.text}`,
                unknownChild: '本校学生，尚未在系统中查到',
                divisionCode: village,
                immediateDanger: what.danger,
                attachments: [],
              }
            : {
                channel: 'hotline',
                line: '12338',
                caller: { anonymous: rng.chance(0.4), name: null, relationship: '邻居', callbackPhone: null },
                situations: [...what.codes],
                description: `来电反映：${what.text}`,
                unknownChild: '来电人不知孩子姓名',
                divisionCode: village,
                immediateDanger: what.danger,
                attachments: [],
              },
        );
        reports += 1;
        // The year gets better: more receivers acknowledge in time as the months go by.
        const inTime = rng.chance(0.55 + (11 - back) * 0.035);
        const recipients = await trx
          .selectFrom('report_recipients')
          .where(systemScope('the demo acknowledges the report it just made, for each receiver'))
          .select('organisation_id')
          .where('report_id', '=', reportId)
          .execute();
        for (const recipient of recipients) {
          const username = personOf.get(recipient.organisation_id);
          if (!username) continue;
          const delay = inTime || rng.chance(0.3) ? rng.int(5, 25) / 60 : rng.int(26, 70);
          await acknowledgeReportIn(await as(username), reportId, new Date(t0.getTime() + delay * hour));
        }
        const opened = new Date(t0.getTime() + (inTime ? 1 : 30) * hour);
        const kase = await demo.open('officer.city', opened, {
          reportIds: [reportId],
          childId: child.id,
          participantIds: [demo.org('protectionCentre')],
          reason: what.text,
        });
        await kase.act('officer.city', 0.5, 'acknowledge', {});
        if (what.danger) {
          const response = rng.chance(0.5 + (11 - back) * 0.04) ? rng.int(1, 3) : rng.int(30, 60);
          await kase.act('staff.centre', response, 'emergency_response', {
            attendedBy: ['救助保护中心工作人员', '属地派出所民警'],
            attendedAt: new Date(opened.getTime() + response * hour).toISOString(),
            childSafe: true,
            measures: ['escort_relative'],
            townshipNotified: true,
          });
        }
        const age = (now - opened.getTime()) / day;
        if (age < 4) continue;
        await kase.act('officer.city', rng.int(48, 96), 'assessment', {
          scores: {
            safety: rng.int(1, 3),
            guardianship_capacity: rng.int(1, 4),
            physical_health: rng.int(0, 2),
            mental_health: rng.int(0, 2),
            education: rng.int(0, 3),
            living_conditions: rng.int(1, 3),
          },
          overrides: [],
          notes: {},
        });
        const closeAfter = rng.int(20, 75);
        if (age < 10) continue;
        // The plan within its working days (else its clock runs overdue), the centre following the child up.
        const planned = rng.int(4, 8);
        await kase.act('officer.city', planned * 24, 'assistance_plan', {
          goals: [
            {
              goal: rng.pick(['恢复正常就学', '落实亲属照料', '心理疏导', '申请基本生活补贴']),
              services: ['个案辅导'],
              responsibleOrgId: demo.org('protectionCentre'),
              dueOn: new Date(opened.getTime() + (planned + 30) * day + 8 * hour).toISOString().slice(0, 10),
              status: 'in_progress',
            },
          ],
          benefitTasks: [],
        });
        await kase.act('officer.city', (planned + 2) * 24, 'start_monitoring', { note: '村（居）儿童主任每月回访' });
        if (age < closeAfter + 3) continue;
        await kase.act('staff.centre', closeAfter * 24, 'request_closure', {
          reason: '风险已消除',
          outcome: '孩子由亲属照料，已返校，回访无异常',
        });
        await kase.act('officer.city', closeAfter * 24 + rng.int(4, 48), 'approve_closure', { note: '同意结案' });
        closed += 1;
      }
    }
    log(`  history: ${reports} reports over twelve months, ${closed} cases closed`);
  },
};
