import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../../platform/access/actor.js';
import { WorkingDayCalendar } from '../../platform/calendar/index.js';
import { resolveRuleSet } from '../../platform/rules/rule-set.js';
import { recomputeProvisionalClocks } from './recompute.js';
import { pauseClock, resumeClock, startClock, stopClocks } from './store.js';
import { clockEscalationSweep } from './sweep.js';

/*
 * The alerts a clock raises through start, pause, resume, stop and a recomputed due time, read from
 * `alerts` alone (through the clock module's own functions, never its escalation state): the same
 * file passed unchanged on the code before migration 0190 moved that state out of `clocks`, so the
 * narrow table raises exactly what the wide row did — levels, times, recipients and roles.
 */
describe('escalation through a clock’s life raises the same alerts as before the narrow table', () => {
  let db: TestDatabase;
  const orgs = new Map<string, string>();
  const clocks = new Map<string, string>();
  const village = '421002001001';
  const rules = resolveRuleSet([], village, '2026-03-01');
  const at = (iso: string) => new Date(iso);
  const h = 3_600_000;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [name, kind, code] of [
      ['owner', 'civil_affairs_bureau', '421002000000'],
      ['committee', 'village_committee', village],
      ['township', 'township_government', '421002001000'],
      ['city', 'civil_affairs_bureau', '421000000000'],
    ] as const) {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO organisations (name, kind, division_code) VALUES (${name}, ${kind}, ${code}) RETURNING id`.execute(
        db.db,
      );
      orgs.set(name, rows[0]!.id);
    }
  });
  afterAll(async () => db.drop());

  const start = (key: string, startedAt: string, duration: { hours: number } | { workingDays: number }) =>
    db.db
      .transaction()
      .execute((trx) =>
        startClock(trx, rules, {
          rule: 'case.review',
          ownerOrgId: orgs.get('owner')!,
          subjectType: 'case',
          subjectId: crypto.randomUUID(),
          divisionCode: village,
          startedAt: at(startedAt),
          duration,
        }),
      )
      .then((id) => {
        clocks.set(key, id);
        return id;
      });
  const sweep = (iso: string) => clockEscalationSweep.run(db.db, at(iso));
  async function raised(): Promise<string[]> {
    const names = new Map([...orgs].map(([name, id]) => [id, name]));
    const keys = new Map([...clocks].map(([key, id]) => [id, key]));
    const rows = await db.db
      .selectFrom('alerts')
      .select(['clock_id', 'level', 'target', 'recipient_org_id', 'recipient_user_id', 'recipient_role', 'raised_at'])
      .execute();
    return rows
      .map(
        (a) =>
          `${keys.get(a.clock_id)} L${a.level} ${a.target} → ${names.get(a.recipient_org_id ?? '')}/${a.recipient_user_id}/${a.recipient_role} @ ${a.raised_at.toISOString()}`,
      )
      .sort();
  }

  it('a chain of levels, a paused and resumed clock, a late stop, a stop on time and a recomputed due time', async () => {
    // Due 05:00Z on 2 March (4 hours from 09:00 in Beijing); the default hours are 0, 2, 24, 72, 168.
    await start('chain', '2026-03-02T09:00:00+08:00', { hours: 4 });
    const paused = await start('paused', '2026-03-02T09:00:00+08:00', { hours: 4 });
    await start('late', '2026-03-02T09:00:00+08:00', { hours: 4 });
    await start('on time', '2026-03-02T09:00:00+08:00', { hours: 4 });
    const stop = (key: string, iso: string) =>
      db.db.transaction().execute(async (trx) => {
        const { subject_id } = await trx
          .selectFrom('clocks')
          .select('subject_id')
          .where('id', '=', clocks.get(key)!)
          .executeTakeFirstOrThrow();
        return stopClocks(trx, { subjectId: subject_id, rules: 'every rule' }, at(iso));
      });
    expect(await stop('on time', '2026-03-02T04:00:00Z')).toBe(1);

    expect(await sweep('2026-03-02T06:00:00Z')).toEqual({ alerts: 3, clocks: 3 });
    // Paused 90 minutes after its due time, resumed two days later: its due time moves by the pause.
    expect(await db.db.transaction().execute((trx) => pauseClock(trx, paused, at('2026-03-02T06:30:00Z'), 'x'))).toBe(
      true,
    );
    expect(await stop('late', '2026-03-03T11:00:00Z')).toBe(1); // 30 hours late: levels 1–3 reached
    expect(await sweep('2026-03-04T00:00:00Z')).toEqual({ alerts: 4, clocks: 2 });
    expect(await db.db.transaction().execute((trx) => resumeClock(trx, paused, at('2026-03-04T06:30:00Z')))).toBe(true);
    expect(await sweep('2026-03-20T00:00:00Z')).toEqual({ alerts: 6, clocks: 2 });
    expect(await sweep('2026-03-21T00:00:00Z')).toEqual({ alerts: 0, clocks: 0 });

    // 15 working days from Monday 21 December: due 11 January on weekends alone, 12 January once
    // New Year's Day is loaded as a holiday — the escalation follows the due time that moved.
    await start('recomputed', '2026-12-21T10:00:00+08:00', { workingDays: 15 });
    const before = WorkingDayCalendar.withDefaults();
    const after = before.extendedWith({
      '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    });
    const result = await db.db
      .transaction()
      .execute((trx) => recomputeProvisionalClocks(trx, { before, after }, systemActor('test'), new Date(), 'loaded'));
    expect(result).toEqual({ examined: 1, changed: 1 });
    expect(await sweep('2027-01-12T12:00:00+08:00')).toEqual({ alerts: 0, clocks: 0 });
    expect(await sweep('2027-01-13T02:00:00+08:00')).toEqual({ alerts: 2, clocks: 1 });
    expect(await sweep('2027-01-20T00:00:00+08:00')).toEqual({ alerts: 3, clocks: 1 });

    const chain = (key: string, due: string, levels = 5) =>
      [
        'L1 owner → owner/null/null',
        'L2 director → committee/null/village_director',
        'L3 supervisor → township/null/township_supervisor',
        'L4 civil_affairs → owner/null/civil_affairs_officer',
        'L5 joint_conference → city/null/civil_affairs_officer',
      ]
        .slice(0, levels)
        .map((level, i) => {
          const hours = [0, 2, 24, 72, 168][i]!;
          return `${key} ${level} @ ${new Date(Date.parse(due) + hours * h).toISOString()}`;
        });
    expect(await raised()).toEqual(
      [
        ...chain('chain', '2026-03-02T05:00:00.000Z'),
        // Level 1 before the pause; the rest from the resumed due time (due + 48 h).
        ...chain('paused', '2026-03-02T05:00:00.000Z', 1),
        ...chain('paused', '2026-03-04T05:00:00.000Z').slice(1),
        ...chain('late', '2026-03-02T05:00:00.000Z', 3),
        ...chain('recomputed', '2027-01-12T15:59:59.000Z'),
      ].sort(),
    );
  });
});
