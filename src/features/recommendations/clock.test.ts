import { escalationLevelOf } from '../../core/clocks/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { clockEscalationSweep } from '../../core/clocks/index.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { recommendationsWaiting } from './inbox.js';
import { actOnRecommendationIn, issueRecommendationIn } from './service.js';

/* The written reply within one calendar month (rule data), kept by a clock the core sweep escalates "as of" a day. */

let database: TestDatabase;
let make: ReturnType<typeof factories>;
beforeAll(async () => {
  database = await createTestDatabase();
  make = factories(database.db);
}, 120_000);
afterAll(async () => database?.drop());

const issuedAt = new Date('2026-03-02T10:00:00+08:00');
const at = (iso: string) => new Date(iso);

describe('the one-month reply clock', () => {
  it('is due at the end of the same day next month, escalates when no reply came, and a late reply is missed', async () => {
    const procuratorate = await make.organisation({ kind: 'procuratorate', divisionCode: places.jingzhou });
    const school = await make.organisation({ kind: 'school', divisionCode: places.cenhe });
    const prosecutor = await make.actor(await make.person('prosecutor', { organisation: procuratorate }));
    const teacher = await make.actor(await make.person('mandated_reporter', { organisation: school }));
    const { result } = await unitOfWork(database.db, prosecutor, 'recommendation.issue', (uow) =>
      issueRecommendationIn(
        uow,
        { toOrganisationId: school.id, facts: '校园欺凌未及时处置', recommends: '建立欺凌防治工作机制' },
        issuedAt,
      ),
    );
    const clocks = () =>
      database.db
        .selectFrom('clocks')
        .select(['id', 'state', 'due_at', escalationLevelOf('clocks.id'), 'owner_org_id'])
        .where('subject_type', '=', 'recommendation')
        .where('subject_id', '=', result.recommendationId)
        .execute();
    const [reply] = await clocks();
    expect(reply).toMatchObject({ state: 'running', owner_org_id: school.id });
    // Due by the end of 2 April (Beijing), within the minute.
    expect(Math.abs(reply!.due_at.getTime() - at('2026-04-02T23:59:59+08:00').getTime())).toBeLessThan(60_000);

    expect(await clockEscalationSweep.run(database.db, at('2026-04-01T12:00:00+08:00'))).toMatchObject({ alerts: 0 });
    await clockEscalationSweep.run(database.db, at('2026-04-06T12:00:00+08:00'));
    const alerts = await database.db
      .selectFrom('alerts')
      .select(['level', 'target', 'recipient_org_id'])
      .where('clock_id', '=', reply!.id)
      .orderBy('level')
      .execute();
    // Three days late: the school itself at the due time, then the next level of the chain after 72 hours.
    expect(alerts.map((a) => a.level)).toEqual([1, 2]);
    expect(alerts[0]).toMatchObject({ target: 'owner', recipient_org_id: school.id });
    const waiting = await recommendationsWaiting.collect({
      db: database.db,
      actor: teacher,
      now: at('2026-04-06T12:00:00+08:00'),
    });
    expect(waiting).toEqual([expect.objectContaining({ waitingFor: 'reply', overdue: true })]);

    await unitOfWork(database.db, teacher, 'recommendation.reply', (uow) =>
      actOnRecommendationIn(
        uow,
        result.recommendationId,
        { type: 'reply', expectedSeq: 1, text: '已建立防治机制' },
        at('2026-04-07T09:00:00+08:00'),
      ),
    );
    expect(await clocks()).toEqual([expect.objectContaining({ state: 'missed', escalation_level: 2 })]);

    // Returned for a better reply: a new clock (15 days by default), met by a reply in time.
    await unitOfWork(database.db, prosecutor, 'recommendation.return', (uow) =>
      actOnRecommendationIn(
        uow,
        result.recommendationId,
        { type: 'return', expectedSeq: 2, reason: '未说明培训情况' },
        at('2026-04-08T09:00:00+08:00'),
      ),
    );
    await unitOfWork(database.db, teacher, 'recommendation.reply', (uow) =>
      actOnRecommendationIn(
        uow,
        result.recommendationId,
        { type: 'reply', expectedSeq: 3, text: '补充：已培训全体教职工' },
        at('2026-04-15T09:00:00+08:00'),
      ),
    );
    const after = await clocks();
    expect(after.map((c) => c.state).sort()).toEqual(['met', 'missed']);
  });
});
