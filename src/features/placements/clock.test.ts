import { escalationLevelOf } from '../../core/clocks/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { placeSchema } from '../../contract/placements/actions.js';
import { actOnPlacementIn, placeChildIn } from './service.js';
import { intoInstitution } from './test-bodies.test-helper.js';

/* The rescue station's 10-day stay (rule data), kept by a clock the core sweep escalates, replayed "as of" a day. */

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

describe('the rescue-station stay clock', () => {
  it('is overdue and escalated on day 11 when neither an extension nor a transfer happened; an approved extension runs on', async () => {
    const city = await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.jingzhou });
    const station = await make.organisation({ kind: 'rescue_station', divisionCode: places.jingzhou });
    const police = await make.actor(await make.person('police_officer'));
    const staff = await make.actor(await make.person('institution_staff', { organisation: station }));
    const officer = await make.actor(
      await make.person('civil_affairs_officer', { organisation: city, jurisdictionCode: places.jingzhou }),
    );
    const child = await make.child({ idNumber: null, sex: 'male', birthDate: '2015-05-01' });
    const { result } = await unitOfWork(database.db, police, 'placement.place', (uow) =>
      placeChildIn(uow, child.id, placeSchema.parse(intoInstitution('rescue_station', station.id)), t0),
    );
    const clock = () =>
      database.db
        .selectFrom('clocks')
        .select(['id', 'state', 'due_at', escalationLevelOf('clocks.id')])
        .where('subject_id', '=', result.placementId)
        .orderBy('started_at')
        .execute();
    const [stay] = await clock();
    expect(stay!.due_at.toISOString()).toBe(dayOf(10).toISOString());

    expect(await clockEscalationSweep.run(database.db, dayOf(9))).toMatchObject({ alerts: 0 });
    await clockEscalationSweep.run(database.db, dayOf(11));
    const alerts = await database.db
      .selectFrom('alerts')
      .select(['level', 'target', 'recipient_org_id'])
      .where('clock_id', '=', stay!.id)
      .orderBy('level')
      .execute();
    // A day late: the station itself, then the levels the chain reaches within 24 hours.
    expect(alerts.map((a) => a.level)).toEqual([1, 2, 3]);
    expect(alerts[0]).toMatchObject({ target: 'owner', recipient_org_id: station.id });

    // The station asks on day 11, the city approves on day 12: the late stay is missed, the longer one runs.
    await unitOfWork(database.db, staff, 'placement.request_extension', (uow) =>
      actOnPlacementIn(
        uow,
        result.placementId,
        { type: 'request_extension', expectedSeq: 1, days: 10, reason: '寻亲' },
        dayOf(11),
      ),
    );
    await unitOfWork(database.db, officer, 'placement.approve_extension', (uow) =>
      actOnPlacementIn(uow, result.placementId, { type: 'approve_extension', expectedSeq: 2 }, dayOf(12)),
    );
    const [first, longer] = await clock();
    expect(first).toMatchObject({ state: 'missed', escalation_level: 3 });
    expect(longer).toMatchObject({ state: 'running', due_at: dayOf(22) });
    await clockEscalationSweep.run(database.db, dayOf(20));
    expect(await database.db.selectFrom('alerts').select('id').where('clock_id', '=', longer!.id).execute()).toEqual(
      [],
    );
  });
});
