import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { resolveRuleSet } from '../../platform/rules/rule-set.js';
import { pauseClock, resumeClock, startClock, stopClocks } from './store.js';

let db: TestDatabase;
let owner: string;
const rules = resolveRuleSet([], '421002001001', '2026-03-01');
beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await sql<{ id: string }>`
    INSERT INTO organisations (name, kind, division_code) VALUES ('owner', 'civil_affairs_bureau', '421002000000') RETURNING id`.execute(
    db.db,
  );
  owner = rows[0]!.id;
});
afterAll(async () => db.drop());

const start = (
  subjectType: 'placement' | 'visit',
  startedAt: Date,
  duration: { workingDays: number } | { hours: number },
) =>
  db.db.transaction().execute((trx) =>
    startClock(trx, rules, {
      rule: `${subjectType}.test`,
      ownerOrgId: owner,
      subjectType,
      subjectId: crypto.randomUUID(),
      divisionCode: '421002001001',
      startedAt,
      duration,
    }),
  );
const read = (id: string) =>
  db.db
    .selectFrom('clocks')
    .innerJoin('clock_escalations as e', 'e.clock_id', 'clocks.id')
    .select(['state', 'due_at', 'e.next_escalation_at', 'counts_working_days'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('clocks for any subject: start, pause, resume, stop', () => {
  it('a working-day clock paused on Tuesday and resumed on Saturday gets back its two working days', async () => {
    const id = await start('placement', new Date('2026-03-02T09:00:00+08:00'), { workingDays: 3 });
    expect(await read(id)).toMatchObject({
      due_at: new Date('2026-03-05T23:59:59+08:00'),
      counts_working_days: true,
      state: 'running',
    });
    const paused = await db.db
      .transaction()
      .execute((trx) => pauseClock(trx, id, new Date('2026-03-03T10:00:00+08:00'), '儿童住院'));
    expect(paused).toBe(true);
    expect(await read(id)).toMatchObject({ state: 'paused', next_escalation_at: null });
    expect(
      await db.db.transaction().execute((trx) => resumeClock(trx, id, new Date('2026-03-07T12:00:00+08:00'))),
    ).toBe(true);
    // Wednesday and Thursday were left: Monday 9 and Tuesday 10 March; level 1 (0 hours) is due then.
    expect(await read(id)).toMatchObject({
      state: 'running',
      due_at: new Date('2026-03-10T23:59:59+08:00'),
      next_escalation_at: new Date('2026-03-10T23:59:59+08:00'),
    });
    expect(
      await db.db.transaction().execute((trx) => resumeClock(trx, id, new Date('2026-03-08T12:00:00+08:00'))),
    ).toBe(false);
  });

  it('a clock in hours resumes with the span it had left', async () => {
    const id = await start('visit', new Date('2026-03-02T09:00:00+08:00'), { hours: 4 });
    await db.db.transaction().execute((trx) => pauseClock(trx, id, new Date('2026-03-02T10:00:00+08:00'), 'x'));
    await db.db.transaction().execute((trx) => resumeClock(trx, id, new Date('2026-03-04T10:00:00+08:00')));
    expect(await read(id)).toMatchObject({ counts_working_days: false, due_at: new Date('2026-03-04T13:00:00+08:00') });
  });

  it('stopping is met on time and missed when late; a missed clock keeps escalating to the levels it reached', async () => {
    const onTime = await start('visit', new Date('2026-03-02T09:00:00+08:00'), { hours: 4 });
    const late = await start('visit', new Date('2026-03-02T09:00:00+08:00'), { hours: 1 });
    const stop = (subjectOf: string) =>
      db.db.transaction().execute(async (trx) => {
        const { subject_id } = await trx
          .selectFrom('clocks')
          .select('subject_id')
          .where('id', '=', subjectOf)
          .executeTakeFirstOrThrow();
        return stopClocks(
          trx,
          { subjectId: subject_id, rules: 'every rule' },
          new Date('2026-03-02T12:00:00+08:00'),
          7,
        );
      });
    expect(await stop(onTime)).toBe(1);
    expect(await stop(late)).toBe(1);
    expect(await read(onTime)).toMatchObject({ state: 'met', next_escalation_at: null });
    expect(await read(late)).toMatchObject({
      state: 'missed',
      next_escalation_at: new Date('2026-03-02T10:00:00+08:00'),
    });
    // Nothing is stopped twice, and an empty selection stops nothing.
    expect(await stop(late)).toBe(0);
    expect(await db.db.transaction().execute((trx) => stopClocks(trx, { rules: 'every rule' }, new Date()))).toBe(0);
  });
});
