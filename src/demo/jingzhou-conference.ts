import { clockEscalationSweep } from '../core/clocks/index.js';
import {
  addMemberIn,
  buildAgendaIn,
  createActionItemIn,
  createMeetingIn,
  recordAttendanceIn,
  stepMeetingIn,
  updateMeetingIn,
} from '../features/joint-conference/service.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { DemoSeeder } from '../platform/seed.js';
import { actingAs } from './acting-as.js';
import { day } from './jingzhou-cases-context.js';
import { jingzhou } from './jingzhou-organisations.js';

/**
 * J city's joint conference (联席会议), run by the city lead agency through the real use cases at
 * past times: a meeting planned ten days ago, its agenda built four days ago from what had then
 * escalated to the conference (deadlines overdue at the last level, blocked referrals, overflows,
 * the matrix's gaps), attendance, held three days ago with two decisions — one for the
 * procuratorate due yesterday (now overdue, its clock escalated by the sweep), one for the
 * protection centre (added as a member) due next month. The minutes are approved.
 */
export const jingzhouConferenceDemo: DemoSeeder = {
  name: 'jingzhou-conference',
  async seed(uow, log) {
    const { trx } = uow;
    const as = actingAs(uow);
    const orgId = async (name: string) =>
      (await trx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const now = Date.now();
    const past = (days: number) => new Date(now - days * day);
    const city = await as('officer.city');
    const procuratorate = await orgId('荆州市人民检察院');
    const centre = await orgId('荆州市未成年人救助保护中心');
    const lead = await orgId('荆州市民政局');
    const womensFederation = await orgId('荆州市妇女联合会');

    await addMemberIn(city, jingzhou.city, centre, past(12));
    const planned = past(10);
    const meetsOn = shanghaiDateOf(past(3));
    const meetingId = await createMeetingIn(
      city,
      {
        divisionCode: jingzhou.city,
        title: '荆州市困境儿童保障和未成年人保护工作联席会议',
        meetsOn,
        place: '荆州市民政局四楼会议室',
        chair: '市民政局分管副局长',
      },
      planned,
    );
    await buildAgendaIn(city, meetingId, 1, past(4));
    await recordAttendanceIn(
      city,
      meetingId,
      {
        expectedVersion: 2,
        entries: [
          { organisationId: lead, attendance: 'present' },
          { organisationId: procuratorate, attendance: 'present' },
          { organisationId: centre, attendance: 'present' },
          { organisationId: womensFederation, attendance: 'delegate', delegateName: '权益部负责人' },
        ],
      },
      past(3),
    );
    await stepMeetingIn(city, meetingId, { expectedVersion: 3, step: 'hold' }, past(3));
    await createActionItemIn(
      city,
      meetingId,
      {
        title: '对逾期未落实强制报告、入户走访的单位开展检察监督，必要时制发检察建议',
        ownerOrganisationId: procuratorate,
        dueOn: shanghaiDateOf(past(1)),
      },
      past(3),
    );
    await createActionItemIn(
      city,
      meetingId,
      {
        title: '会同救助管理站、儿童福利院厘清临时照料职责分工，报联席会议办公室',
        detail: '针对职责矩阵中两类机构同时牵头“临时照料”的重叠',
        ownerOrganisationId: centre,
        dueOn: shanghaiDateOf(past(-30)),
      },
      past(3),
    );
    await updateMeetingIn(
      city,
      meetingId,
      {
        expectedVersion: 4,
        summary:
          '会议听取了市民政局关于困境儿童逾期事项的通报，研究了转介受阻、机构超员和职责空白等问题，议定以下事项，请各责任单位按期办结并报联席会议办公室。',
      },
      past(3),
    );
    await stepMeetingIn(city, meetingId, { expectedVersion: 5, step: 'approve_minutes' }, past(2));
    const swept = await clockEscalationSweep.run(trx, new Date(now));
    log(`  1 joint-conference meeting, 2 action items (${swept.alerts} alerts)`);
  },
};
