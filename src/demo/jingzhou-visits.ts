import { sql } from 'kysely';
import type { AppointStaffInput } from '../contract/grassroots/roster.js';
import type { RecordVisitInput } from '../contract/visits/visits.js';
import { clockEscalationSweep } from '../core/clocks/index.js';
import { systemScope } from '../core/scope/system-scope.js';
import { appointStaffIn } from '../features/grassroots/service.js';
import { recordEntrustedCareIn, recordParentContactIn, recordVisitIn } from '../features/visits/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import { actingAs } from './acting-as.js';
import type { DemoSeeder } from '../platform/seed.js';
import { day, hour } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

type Visit = Omit<RecordVisitInput, 'childId' | 'visitedOn' | 'kind' | 'keyAttention' | 'findings'> &
  Partial<Pick<RecordVisitInput, 'keyAttention' | 'findings'>>;

const findings = {
  living: '吃穿住行基本有保障，住房为祖辈自建砖房',
  family: '父母在外务工，每周电话联系',
  guardianship: '祖母照料，能履行基本照料责任',
  stateOfMind: '情绪稳定，想念父母',
  guardianView: '希望多些学习辅导',
};

/**
 * The grassroots team of the demo (issue 17): a director for each demo village and supervisors for
 * two of the four townships, appointed by the county officers; then months of home visits by the
 * directors, run through the real use cases at past times — most on time, two children overdue
 * (one of them escalated to the county), so the due list, the caseload and the coverage gaps show.
 */
export const jingzhouVisitsDemo: DemoSeeder = {
  name: 'jingzhou-visits',
  async seed(uow, log) {
    const { trx } = uow;
    const now = Date.now();
    const past = (days: number, hours = 10) => new Date(now - days * day + (hours - 10) * hour);
    const as = actingAs(uow);
    const userId = async (username: string) =>
      (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const org = async (division: string, kind: string) =>
      (
        await trx
          .selectFrom('organisations')
          .select('id')
          .where('division_code', '=', division)
          .where('kind', '=', kind)
          .executeTakeFirstOrThrow()
      ).id;
    // Demo data, as the children seeder writes it: the named children of the four villages were
    // registered 200 days ago, six of them are confirmed left-behind, and 张浩然 was graded red.
    const named = [jingzhou.chenlong, jingzhou.shakou, jingzhou.nongli, jingzhou.heyi];
    await sql`UPDATE children SET created_at = now() - interval '200 days' WHERE residence_code IN (${sql.join(named)})`.execute(
      trx,
    );
    await sql`INSERT INTO child_categories (child_id, category, state, evidence, start_date, decided_at)
      SELECT id, 'left_behind', 'confirmed', '父母均在外务工，已书面委托祖辈照护', (now() - interval '200 days')::date, now() - interval '200 days'
      FROM children WHERE residence_code IN (${sql.join(named)}) AND name IN ('李小雨', '李明轩', '张浩然', '周子豪', '陈思琪', '刘一诺')
        AND NOT EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = children.id AND cc.category = 'left_behind')`.execute(
      trx,
    );
    await sql`UPDATE children SET risk_grade = 'high' WHERE name = '张浩然' AND residence_code = ${jingzhou.shakou}`.execute(
      trx,
    );

    const appoint = async (officer: string, input: Omit<AppointStaffInput, 'appointedOn'> & { appointedOn?: string }) =>
      appointStaffIn(await as(officer), { appointedOn: shanghaiDateOf(past(700)), ...input }, past(180));
    const village = (division: string) => org(division, 'village_committee');
    const township = (division: string) => org(division, 'township_government');
    await appoint('officer.shashi', {
      post: 'village_director',
      name: '李桂兰',
      userId: await userId('director.chenlong'),
      organisationId: await village(jingzhou.chenlong),
      divisionCodes: [jingzhou.chenlong],
      employment: 'part_time',
      otherDuties: '村妇联主席',
      phone: '13971600005',
      trainingHours: 24,
    });
    await appoint('officer.shashi', {
      post: 'village_director',
      name: '王春梅',
      organisationId: await village(jingzhou.shakou),
      divisionCodes: [jingzhou.shakou],
      employment: 'part_time',
      otherDuties: '村会计',
      phone: '13971600021',
      trainingHours: 6,
    });
    await appoint('officer.shashi', {
      post: 'township_supervisor',
      name: '张秀英',
      userId: await userId('supervisor.cenhe'),
      organisationId: await township(jingzhou.cenhe),
      divisionCodes: [jingzhou.cenhe],
      employment: 'full_time',
      phone: '13971600004',
      trainingHours: 40,
    });
    await appoint('officer.gongan', {
      post: 'village_director',
      name: '周美珍',
      userId: await userId('director.nongli'),
      organisationId: await village(jingzhou.nongli),
      // 合意村's director left last year: 周美珍 covers both villages until one is appointed.
      divisionCodes: [jingzhou.nongli, jingzhou.heyi],
      employment: 'part_time',
      otherDuties: '村妇女主任',
      phone: '13971600006',
      trainingHours: 12,
    });
    await appoint('officer.gongan', {
      post: 'township_supervisor',
      name: '陈伟',
      organisationId: await township(jingzhou.buhe),
      divisionCodes: [jingzhou.buhe],
      employment: 'part_time',
      otherDuties: '民政办主任',
      phone: '13971600022',
      trainingHours: 16,
    });

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
    let visits = 0;
    /** Visits `daysAgo` (oldest first): the first is the first visit, the rest routine. */
    const history = async (visitor: string, name: string, daysAgo: number[], extra: Visit = {}) => {
      const id = await childId(name);
      if (!id) return;
      for (const [i, ago] of daysAgo.entries()) {
        await recordVisitIn(
          await as(visitor),
          {
            childId: id,
            visitedOn: shanghaiDateOf(past(ago)),
            kind: i === 0 ? 'first' : 'routine',
            respondentName: '祖母',
            respondentRelation: '祖孙',
            lastParentContactOn: shanghaiDateOf(past(ago + 5)),
            schooling: '在校',
            keyAttention: false,
            findings,
            ...extra,
          },
          past(ago, 17),
        );
        visits += 1;
      }
    };
    const monthly = (from: number, to: number) =>
      Array.from({ length: 6 }, (_, i) => from - i * 30).filter((d) => d >= to);
    await history('director.chenlong', '李小雨', monthly(170, 50), { suggestions: '联系学校关注学习情况' });
    await history('director.chenlong', '李明轩', monthly(160, 5));
    await history('supervisor.cenhe', '张浩然', [150, 100, 20], {
      keyAttention: true,
      findings: { ...findings, guardianship: '祖父年老体弱，照料不足' },
      suggestions: '每周走访，申请临时救助',
    });
    await history('director.nongli', '周子豪', monthly(165, 10));
    await history('director.nongli', '陈思琪', monthly(140, 15));
    // 周美珍's account sees 农利村 only (her jurisdiction): 合意村's visits are made by the county officer.
    await history('officer.gongan', '刘一诺', monthly(120, 20));
    await history('officer.gongan', '黄俊', [90, 45, 12]);
    // 李明轩's parents work in 东莞 and entrusted him to his grandfather: weekly calls until twelve days
    // ago, so his contact is overdue (and, after three days, on the township supervisor's list too).
    const mingxuan = await childId('李明轩');
    if (mingxuan) {
      const careId = await recordEntrustedCareIn(
        await as('director.chenlong'),
        mingxuan,
        {
          carerName: '李德福',
          carerRelation: '祖父',
          carerPhone: '13971600031',
          capacity: 'limited',
          capacityNote: '年近七十，能照料起居，辅导功课困难',
          startedOn: shanghaiDateOf(past(40)),
          noticeSchoolOn: shanghaiDateOf(past(39)),
          noticeVillageOn: shanghaiDateOf(past(38)),
        },
        // Entered two days after the agreement, once both notices were sent.
        past(38, 18),
      );
      for (const ago of [38, 31, 24, 17, 12])
        await recordParentContactIn(
          await as('director.chenlong'),
          careId,
          { contactedOn: shanghaiDateOf(past(ago)), parent: ago === 24 ? 'both' : 'mother', channel: 'video' },
          past(ago, 20),
        );
    }
    const swept = await clockEscalationSweep.run(trx, new Date(now));
    log(`  5 roster entries, ${visits} home visits, ${swept.alerts} escalations`);
  },
};
