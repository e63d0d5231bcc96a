import { escalationLevelOf } from '../../core/clocks/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { agendaProposalsIn, createActionItemIn, createMeetingIn, stepMeetingIn } from './service.js';

/*
 * An action item's own clock, escalated by the core sweep "as of" a later day, and the agenda
 * builder picking up the clock that reached the last level of its chain (and not one that has not).
 */

let database: TestDatabase;
let make: ReturnType<typeof factories>;
beforeAll(async () => {
  database = await createTestDatabase();
  make = factories(database.db);
}, 120_000);
afterAll(async () => database?.drop());

const day = 86_400_000;
const t0 = new Date('2026-03-02T10:00:00+08:00');
const dayOf = (n: number) => new Date(t0.getTime() + n * day);

describe('an action item of the joint conference', () => {
  it('has a clock the sweep escalates after its due day; once at the last level it is proposed for the next agenda', async () => {
    const city = await make.organisationNamed('cityCivilAffairs');
    const police = await make.organisationNamed('shashiPolice');
    await make.organisationNamed('shashiCivilAffairs');
    const officer = await make.actor(await make.as('officer.shashi'));
    const run = <T>(fn: (uow: UnitOfWork) => Promise<T>) =>
      unitOfWork(database.db, officer, 'test', fn).then((r) => r.result);

    const meetingId = await run((uow) =>
      createMeetingIn(
        uow,
        { divisionCode: places.shashi, title: '第一次会议', meetsOn: '2026-03-02', place: '区政府', chair: '区长' },
        t0,
      ),
    );
    await run((uow) => stepMeetingIn(uow, meetingId, { expectedVersion: 1, step: 'hold' }, t0));
    const itemId = await run((uow) =>
      createActionItemIn(
        uow,
        meetingId,
        { title: '核查流浪儿童', ownerOrganisationId: police.id, dueOn: '2026-03-05' },
        t0,
      ),
    );
    const clock = async () =>
      database.db
        .selectFrom('clocks')
        .select(['id', 'rule', 'state', 'due_at', escalationLevelOf('clocks.id'), 'owner_org_id'])
        .where('subject_id', '=', itemId)
        .executeTakeFirstOrThrow();
    const started = await clock();
    expect(started).toMatchObject({ rule: 'conference.action_item', state: 'running', owner_org_id: police.id });
    // The end of the due day, Beijing time (to the minute).
    expect(started.due_at.toISOString()).toBe(new Date('2026-03-05T23:59:00+08:00').toISOString());

    expect(await clockEscalationSweep.run(database.db, dayOf(3))).toMatchObject({ alerts: 0 });
    const proposalsBefore = await agendaProposalsIn(
      database.db,
      { divisionCode: places.shashi, level: 'county' },
      dayOf(10),
    );
    expect(proposalsBefore.filter((p) => p.key.startsWith('clock:conference.action_item'))).toEqual([]);

    // 20 days after the due day: owner, then 3, 7 and 14 days on (the `conference` rule section's hours).
    await clockEscalationSweep.run(database.db, dayOf(23));
    const alerts = await database.db
      .selectFrom('alerts')
      .select(['level', 'target', 'recipient_org_id'])
      .where('clock_id', '=', started.id)
      .orderBy('level')
      .execute();
    expect(alerts.map((a) => a.level)).toEqual([1, 2, 3, 4]);
    expect(alerts[0]).toMatchObject({ target: 'owner', recipient_org_id: police.id });
    expect((await clock()).escalation_level).toBe(4);

    // 30 days late: the last level (the joint conference, the city's lead agency) — and on the agenda.
    await clockEscalationSweep.run(database.db, dayOf(40));
    const last = await database.db
      .selectFrom('alerts')
      .select(['level', 'target', 'recipient_org_id'])
      .where('clock_id', '=', started.id)
      .where('level', '=', 5)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ target: 'joint_conference', recipient_org_id: city.id });
    const proposals = await agendaProposalsIn(database.db, { divisionCode: places.shashi, level: 'county' }, dayOf(40));
    expect(proposals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'escalated_clock',
          key: `clock:conference.action_item:${police.id}`,
          facts: expect.objectContaining({ clockId: started.id, count: 1, owner: '荆州市公安局沙市区分局' }),
        }),
      ]),
    );
    // The city's conference sees it too (its area holds the district); another county's does not.
    const city40 = await agendaProposalsIn(database.db, { divisionCode: places.jingzhou, level: 'city' }, dayOf(40));
    expect(city40.some((p) => p.key === `clock:conference.action_item:${police.id}`)).toBe(true);
    const gongan40 = await agendaProposalsIn(database.db, { divisionCode: places.gongan, level: 'county' }, dayOf(40));
    expect(gongan40.some((p) => p.source === 'escalated_clock')).toBe(false);
  });
});
