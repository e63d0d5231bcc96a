import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories } from '../../../test/support/factories.js';
import { systemActor } from '../../platform/access/actor.js';
import { WorkingDayCalendar } from '../../platform/calendar/index.js';
import { resolveRuleSet } from '../../platform/rules/rule-set.js';
import { recomputeProvisionalClocks } from './recompute.js';
import { startClock } from './store.js';
import { clockEscalationSweep } from './sweep.js';

let db: TestDatabase;
let owner: string;
const rules = resolveRuleSet([], '421002001001', '2026-12-01');
beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await sql<{ id: string }>`
    INSERT INTO organisations (name, kind, division_code) VALUES ('school', 'school', '421002000000') RETURNING id`.execute(
    db.db,
  );
  owner = rows[0]!.id;
});
afterAll(async () => db.drop());

const start = (startedAt: Date, duration: { workingDays: number } | { hours: number }, childId: string | null = null) =>
  db.db.transaction().execute((trx) =>
    startClock(trx, rules, {
      rule: 'application.test',
      ownerOrgId: owner,
      subjectType: 'application',
      subjectId: crypto.randomUUID(),
      childId,
      divisionCode: '421002001001',
      startedAt,
      duration,
    }),
  );
const read = (id: string) =>
  db.db
    .selectFrom('clocks')
    .innerJoin('clock_escalations as e', 'e.clock_id', 'clocks.id')
    .select(['due_at', 'provisional', 'e.next_escalation_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('recomputing provisional clocks after a holiday arrangement is loaded', () => {
  it('a deadline into January 2027 is provisional on weekends alone, then recomputed on the loaded year with its history', async () => {
    // 15 working days from Monday 2026-12-21: on weekends alone 1 January 2027 counts, due Monday 11 January.
    const id = await start(new Date('2026-12-21T10:00:00+08:00'), { workingDays: 15 });
    const inHours = await start(new Date('2026-12-21T10:00:00+08:00'), { hours: 4 });
    expect(await read(id)).toMatchObject({ due_at: new Date('2027-01-11T23:59:59+08:00'), provisional: true });
    const before = WorkingDayCalendar.withDefaults();
    const after = before.extendedWith({
      '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    });
    const result = await db.db
      .transaction()
      .execute((trx) =>
        recomputeProvisionalClocks(trx, { before, after }, systemActor('test'), new Date(), 'calendar 2027 loaded'),
      );
    expect(result).toEqual({ examined: 1, changed: 1 });
    // New Year's Day is off: one more working day, Tuesday 12 January, and no longer provisional.
    expect(await read(id)).toMatchObject({
      due_at: new Date('2027-01-12T23:59:59+08:00'),
      provisional: false,
      next_escalation_at: new Date('2027-01-12T23:59:59+08:00'),
    });
    expect(await read(inHours)).toMatchObject({ provisional: false });
    const history = await db.db.selectFrom('clock_changes').selectAll().where('clock_id', '=', id).execute();
    expect(history).toMatchObject([
      {
        kind: 'recomputed',
        due_before: new Date('2027-01-11T23:59:59+08:00'),
        due_after: new Date('2027-01-12T23:59:59+08:00'),
        provisional_before: true,
        provisional_after: false,
        reason: 'calendar 2027 loaded',
      },
    ]);
    const again = await db.db
      .transaction()
      .execute((trx) =>
        recomputeProvisionalClocks(trx, { before: after, after }, systemActor('test'), new Date(), 'again'),
      );
    expect(again).toEqual({ examined: 0, changed: 0 });
  });

  it('an alert whose chain finds no organisation anywhere up the tree goes to the owner organisation, never to nobody', async () => {
    const id = await start(new Date('2026-03-02T09:00:00+08:00'), { hours: 1 });
    await clockEscalationSweep.run(db.db, new Date('2026-04-30T00:00:00+08:00'));
    const alerts = await db.db
      .selectFrom('alerts')
      .select(['level', 'target', 'recipient_org_id', 'recipient_role'])
      .where('clock_id', '=', id)
      .orderBy('level')
      .execute();
    expect(alerts.map((a) => a.target)).toEqual([
      'owner',
      'director',
      'supervisor',
      'civil_affairs',
      'joint_conference',
    ]);
    expect(alerts.every((a) => a.recipient_org_id === owner)).toBe(true);
    expect(alerts.slice(1).every((a) => a.recipient_role === null)).toBe(true);
  });

  it('many clocks in one statement: each keeps its history; the timeline hears only of deadlines that moved to another day', async () => {
    const make = factories(db.db);
    const [moved, settled] = [await make.child(), await make.child()];
    // Both provisional on weekends alone. The first spans 1 January 2027 and moves a day when it is a
    // holiday; the second (started 2026-12-28, 20 working days → Monday 25 January) spans it too but the
    // loaded year adds a working Sunday 24 January, which takes the day back: same day, now final.
    const first = await start(new Date('2026-12-21T10:00:00+08:00'), { workingDays: 15 }, moved.id);
    const second = await start(new Date('2026-12-28T10:00:00+08:00'), { workingDays: 20 }, settled.id);
    const many = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        start(new Date(`2026-12-${21 + (i % 10)}T10:00:00+08:00`), { workingDays: 15 + (i % 5) }),
      ),
    );
    const dueBefore = await read(second);
    expect(dueBefore).toMatchObject({ due_at: new Date('2027-01-25T23:59:59+08:00'), provisional: true });
    const before = WorkingDayCalendar.withDefaults();
    const after = before.extendedWith({
      '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-24'] },
    });
    const result = await db.db
      .transaction()
      .execute((trx) =>
        recomputeProvisionalClocks(trx, { before, after }, systemActor('test'), new Date(), 'calendar 2027 (many)'),
      );
    expect(result).toEqual({ examined: 32, changed: 32 });
    expect(await read(first)).toMatchObject({ due_at: new Date('2027-01-12T23:59:59+08:00'), provisional: false });
    expect(await read(second)).toMatchObject({ due_at: dueBefore.due_at, provisional: false });
    const history = await db.db
      .selectFrom('clock_changes')
      .select(['clock_id', 'provisional_after'])
      .where('reason', '=', 'calendar 2027 (many)')
      .execute();
    expect(new Set(history.map((h) => h.clock_id))).toEqual(new Set([first, second, ...many]));
    expect(history.every((h) => h.provisional_after === false)).toBe(true);
    const timeline = await db.db
      .selectFrom('child_timeline')
      .select(['child_id', 'entity_id', 'before', 'after'])
      .where('kind', '=', 'clock.recomputed')
      .where('child_id', 'in', [moved.id, settled.id])
      .execute();
    expect(timeline).toMatchObject([
      {
        child_id: moved.id,
        entity_id: first,
        before: expect.objectContaining({ provisional: true }),
        after: expect.objectContaining({ provisional: false }),
      },
    ]);
  });
});
