import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { clockEscalationSweep } from './sweep.js';

/**
 * A batch claims its escalation rows before it reads their clocks: rows another process's batch
 * holds are skipped without waiting, and the next run takes them — every level raised once.
 */
describe('the escalation sweep beside another batch', () => {
  let db: TestDatabase;
  const due = new Date('2026-03-01T00:00:00Z');
  const after = (hours: number) => new Date(due.getTime() + hours * 3_600_000);
  const ids: string[] = [];
  let owner: string;

  const clock = async (state: 'running' | 'paused' = 'running') => {
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: owner,
        subject_type: 'case',
        subject_id: crypto.randomUUID(),
        division_code: '421002001001',
        started_at: after(-240),
        due_at: due,
        state,
        paused_at: state === 'paused' ? after(-1) : null,
        escalation_hours: [0, 2],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db.insertInto('clock_escalations').values({ clock_id: row.id, next_escalation_at: due }).execute();
    return row.id;
  };
  const alertsOf = async () =>
    (await db.db.selectFrom('alerts').select(['clock_id', 'level']).orderBy('clock_id').orderBy('level').execute())
      .map((a) => `${ids.indexOf(a.clock_id)}:${a.level}`)
      .sort();

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = (
      await db.db
        .insertInto('organisations')
        .values({ name: '某区民政局', kind: 'civil_affairs_bureau', division_code: '421002000000' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (let i = 0; i < 5; i += 1) ids.push(await clock());
  });
  afterAll(async () => db.drop());

  it('skips the rows another batch holds, and the next run raises their levels once', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockedNow = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const other = db.db.transaction().execute(async (trx) => {
      await sql`SELECT clock_id FROM clock_escalations WHERE clock_id = ANY(${[ids[0], ids[1]]}::uuid[]) FOR UPDATE`.execute(
        trx,
      );
      locked();
      await held;
    });
    await lockedNow;
    // Does not wait for the held rows: it returns while the other transaction is still open.
    expect(await clockEscalationSweep.run(db.db, after(3))).toEqual({ alerts: 6, clocks: 3 });
    expect(await alertsOf()).toEqual(['2:1', '2:2', '3:1', '3:2', '4:1', '4:2']);
    release();
    await other;
    expect(await clockEscalationSweep.run(db.db, after(3))).toEqual({ alerts: 4, clocks: 2 });
    expect(await clockEscalationSweep.run(db.db, after(3))).toEqual({ alerts: 0, clocks: 0 });
    expect(await alertsOf()).toEqual(['0:1', '0:2', '1:1', '1:2', '2:1', '2:2', '3:1', '3:2', '4:1', '4:2']);
  });

  it('a paused clock is not escalated, and a run that finds only such rows ends', async () => {
    const paused = await clock('paused');
    expect(await clockEscalationSweep.run(db.db, after(3))).toEqual({ alerts: 0, clocks: 0 });
    const row = await db.db
      .selectFrom('clock_escalations')
      .select(['escalation_level', 'next_escalation_at'])
      .where('clock_id', '=', paused)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ escalation_level: 0, next_escalation_at: due });
  });
});
