import { createActivityIn, matchVolunteerIn, recordActivityHoursIn } from '../features/charity/activities.js';
import { createProjectIn } from '../features/projects/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';
import { actingAs } from './acting-as.js';
import { day } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * Volunteers at activities (issue 19): 沙市区 buys a year of volunteer service from 荆州市慈善总会 (a
 * project counting volunteer hours). Its weekend tutoring at 岑河镇's children's home took 李静 and
 * 赵敏 a week ago — 李静's three hours are recorded, so the project counts them; 赵敏's are still to be
 * recorded. A craft afternoon in ten days has 赵敏 matched; 王强 (check expired) is left as a candidate
 * the charity cannot match until his check is renewed. All through the real actions.
 */
export async function seedActivities(
  uow: UnitOfWork,
  charity: UnitOfWork,
  volunteers: { jing: string; min: string },
  now: number,
): Promise<void> {
  const as = actingAs(uow);
  const dayOf = (days: number) => shanghaiDateOf(new Date(now + days * day));
  const at = (days: number) => new Date(now + days * day);
  const startsOn = dayOf(-60);
  const projectId = await createProjectIn(await as('officer.shashi'), {
    title: '儿童之家志愿服务项目（沙市区）',
    contractNumber: 'SSMZ-GM-2026-11',
    providerOrganisationId: charity.actor.organisationId!,
    startsOn,
    endsOn: dayOf(305),
    areaCodes: [jingzhou.shashi],
    services: ['volunteer_companionship'],
    budgetFen: 6_000_000,
    paymentSchedule: [{ dueOn: startsOn, plannedFen: 6_000_000 }],
    indicators: [{ kind: 'volunteer_hours', target: 120 }],
  });
  const tutoring = await createActivityIn(
    charity,
    {
      title: '岑河镇儿童之家周末课业辅导',
      heldOn: dayOf(-7),
      divisionCode: jingzhou.cenhe,
      place: '岑河镇儿童之家',
      skills: ['课业辅导', '陪伴'],
      places: 4,
      ageFrom: 8,
      ageTo: 12,
      projectId,
    },
    at(-14),
  );
  await matchVolunteerIn(charity, tutoring, { expectedVersion: 1, volunteerId: volunteers.jing }, at(-10));
  await matchVolunteerIn(charity, tutoring, { expectedVersion: 2, volunteerId: volunteers.min }, at(-9));
  await recordActivityHoursIn(
    charity,
    tutoring,
    { expectedVersion: 3, hours: [{ volunteerId: volunteers.jing, hours: 3 }] },
    at(0),
  );
  const crafts = await createActivityIn(
    charity,
    {
      title: '沙市区儿童之家冬季手工活动',
      heldOn: dayOf(10),
      divisionCode: jingzhou.shashi,
      place: '中山路社区儿童之家',
      skills: ['手工', '陪伴'],
      places: 6,
      ageFrom: 6,
      ageTo: 10,
    },
    at(0),
  );
  await matchVolunteerIn(charity, crafts, { expectedVersion: 1, volunteerId: volunteers.min }, at(0));
}
