import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { clockCounts } from './snapshot-clock-counts.js';
import { everywhere, markedTable, type Within } from './snapshot-marks.js';

/*
 * The clock counts read only the clocks that can count (the not-stopped ones from an index, the
 * stopped ones by two ranges: migration 0203). They must equal the read of every clock they replace,
 * kept here verbatim as the reference, at every moment and for any set of divisions: over clocks
 * running, paused (before and after the moment), stopped (long before the month, on time, late, after
 * the moment, with a pause behind them), overdue, due in the month, past their conference level, due
 * before their start, of every counted rule and of the test rules, in several villages.
 */
let database: TestDatabase;
const cst = (instant: string) => new Date(`${instant}+08:00`);
const monthStart = cst('2030-03-01T00:00:00');
const moments = [
  '2030-03-01T00:00:00',
  '2030-03-01T00:00:01',
  '2030-03-10T12:00:00',
  '2030-03-20T00:00:00',
  '2030-04-01T00:00:00',
].map(cst);

/** Session 16's clock read (before 0203), verbatim but for the list's `conference` rule, which it spelled out. */
function referenceCounts(start: Date, at: Date, within: Within): RawBuilder<unknown> {
  const overdue = sql`started_at <= ${at} AND due_at <= ${at} AND (stopped_at IS NULL OR stopped_at > ${at})
    AND NOT (state = 'paused' AND paused_at <= ${at})`;
  const due = sql`due_at >= ${start} AND due_at < ${at}`;
  const conference = sql`cardinality(escalation_hours) > 0
        AND due_at + make_interval(hours => escalation_hours[cardinality(escalation_hours)]) <= ${at}`;
  const onTime = sql`${due} AND stopped_at IS NOT NULL AND stopped_at <= due_at`;
  const counts: [string, RawBuilder<unknown>][] = [
    ['clocks.overdue', sql`${overdue} AND rule NOT LIKE 'test.%'`],
    ['clocks.conference_level', sql`${overdue} AND rule NOT LIKE 'test.%' AND ${conference}`],
    ['referrals.overdue', sql`${overdue} AND rule LIKE 'referral.%'`],
    ['placements.station_overstay', sql`${overdue} AND rule = 'placement.rescue_station_stay'`],
    ['recommendations.overdue', sql`${overdue} AND rule = 'recommendation.reply'`],
    ['funding.benefits_overdue', sql`${overdue} AND rule LIKE 'benefit.%'`],
    ['visits.overdue', sql`${overdue} AND rule LIKE 'visit.%'`],
    ...(
      [
        ['reports.ack_due', 'reports.ack_on_time', sql`rule = 'report.acknowledge'`],
        ['reports.emergency_due', 'reports.emergency_on_time', sql`rule = 'report.emergency_response'`],
        ['visits.due', 'visits.on_time', sql`rule LIKE 'visit.%'`],
        ['family.reassessment_due', 'family.reassessed_on_time', sql`rule = 'assessment.periodic'`],
        ['family.entrusted_due', 'family.entrusted_on_time', sql`rule LIKE 'entrusted.%'`],
        ['security.verification_due', 'security.verified_on_time', sql`rule = 'benefit.verification'`],
        ['security.decision_due', 'security.decided_on_time', sql`rule = 'benefit.decision'`],
      ] as const
    ).flatMap(([dueName, onTimeName, rule]): [string, RawBuilder<unknown>][] => [
      [dueName, sql`${due} AND ${rule}`],
      [onTimeName, sql`${onTime} AND ${rule}`],
    ]),
  ];
  const columns = counts.map(([, test], index) => sql`count(*) FILTER (WHERE ${test}) AS ${sql.ref(`c${index}`)}`);
  const pairs = counts.map(([indicator], index) => sql`(${indicator}, x.${sql.ref(`c${index}`)})`);
  return sql`
    SELECT v.indicator, x.division_code, v.n FROM (
      SELECT division_code, ${sql.join(columns)} FROM clocks
      WHERE ((${overdue}) OR (${due})) AND ${within(sql.ref('division_code'))} GROUP BY 1) x
    CROSS JOIN LATERAL (VALUES ${sql.join(pairs)}) AS v(indicator, n)`;
}

const rules = [
  'visit.first',
  'visit.routine',
  'referral.response',
  'placement.rescue_station_stay',
  'recommendation.reply',
  'benefit.verification',
  'benefit.decision',
  'report.acknowledge',
  'report.emergency_response',
  'assessment.periodic',
  'entrusted.review',
  'case.plan',
  'test.short',
];
const hoursChoices = [[], [24], [24, 72], [1], [2, 2000]];

/** A small deterministic generator: the fixture is the same in every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

let villages: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const org = (await factories(database.db).organisation({ kind: 'village_committee', divisionCode: places.chenlong }))
    .id;
  villages = [places.chenlong, places.shakou, places.nongli, places.heyi];
  const next = random(21);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const day = (from: string, days: number) => new Date(cst(from).getTime() + days * 86_400_000);
  const rows = [];
  for (let i = 0; i < 600; i += 1) {
    const startedAt = day('2030-01-15T00:00:00', Math.floor(next() * 90 * 24) / 24);
    // Most due after their start, some before it.
    const dueAt = new Date(startedAt.getTime() + (next() * 70 - 8) * 86_400_000);
    const state = pick(['running', 'running', 'running', 'paused', 'met', 'missed'] as const);
    // Stopped long before the month, around the due time, in the month, after the moments; a few running ones carry a stop time too.
    const stoppedAt =
      state === 'met' || state === 'missed' || next() < 0.05
        ? pick([
            day('2030-01-20T00:00:00', next() * 10),
            new Date(dueAt.getTime() + (next() * 6 - 3) * 86_400_000),
            day('2030-03-01T00:00:00', next() * 31),
            day('2030-04-02T00:00:00', next() * 10),
          ])
        : null;
    const pausedAt =
      state === 'paused' || next() < 0.1
        ? pick([day('2030-02-01T00:00:00', next() * 20), day('2030-03-05T00:00:00', next() * 30)])
        : null;
    rows.push({
      rule: pick(rules),
      owner_org_id: org,
      subject_type: 'visit' as const,
      subject_id: org,
      division_code: pick(villages),
      started_at: startedAt,
      due_at: dueAt,
      escalation_hours: pick(hoursChoices),
      state,
      stopped_at: stoppedAt,
      paused_at: pausedAt,
    });
  }
  await database.db.insertInto('clocks').values(rows).execute();
  await sql`ANALYZE clocks`.execute(database.db);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

type Counted = { indicator: string; division_code: string; n: string };

async function counts(select: RawBuilder<unknown>, db = database.db) {
  const { rows } = await sql<Counted>`SELECT indicator, division_code, n::text AS n FROM (${select}) c
    WHERE n > 0 ORDER BY 1, 2`.execute(db);
  return rows;
}

describe('the clock counts read only what can count (migration 0203)', () => {
  it('equal the read of every clock at every moment, over all divisions', async () => {
    let nonZero = 0;
    for (const at of moments) {
      const expected = await counts(referenceCounts(monthStart, at, everywhere));
      expect(await counts(clockCounts(monthStart, at, everywhere))).toEqual(expected);
      nonZero += expected.length;
    }
    // The fixture exercises the counts: every kind of count is non-zero at some moment.
    expect(nonZero).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const at of moments)
      for (const row of await counts(referenceCounts(monthStart, at, everywhere))) seen.add(row.indicator);
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'clocks.conference_level',
        'visits.on_time',
        'security.decided_on_time',
        'referrals.overdue',
      ]),
    );
  });

  it('equal it over the marked divisions only (a day’s run)', async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`CREATE TEMP TABLE insight_snapshot_marked (division_code text PRIMARY KEY) ON COMMIT DROP`.execute(
          trx,
        );
        await sql`INSERT INTO ${markedTable} VALUES (${villages[1]!}), (${villages[3]!})`.execute(trx);
        const onlyMarked: Within = (column) => sql`${column} IN (SELECT division_code FROM ${markedTable})`;
        for (const at of moments) {
          const expected = await counts(referenceCounts(monthStart, at, onlyMarked), trx);
          expect(new Set(expected.map((row) => row.division_code))).toEqual(new Set([villages[1], villages[3]]));
          expect(await counts(clockCounts(monthStart, at, onlyMarked), trx)).toEqual(expected);
        }
        throw new Error('rolled back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
      });
  });
});
