import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { fillSnapshots } from './snapshot-sweep.js';

/*
 * The running month's later runs recount only the divisions marked by writers (migration 0186) or
 * moved by time alone: after changes of every kind and a day passing, the stored month and its
 * level totals must equal a computation from nothing. March 2030, so every mark written now (wall
 * clock) precedes the runs' moments and is consumed by them.
 */
let database: TestDatabase;
let committee: string;
let serial = 0;
const cst = (instant: string) => new Date(`${instant}+08:00`);
const month = '2030-03-01';
const day0 = cst('2030-03-05T00:00:00');
const day1 = cst('2030-03-06T00:00:00');
const day2 = cst('2030-03-07T00:00:00');
const day3 = cst('2030-03-08T00:00:00');

type Row = { indicator: string; division_code: string; value: string };

async function monthRows(db = database.db) {
  const rows = await sql<Row>`SELECT indicator, division_code, value FROM insight_snapshots
    WHERE month = ${month} ORDER BY 1, 2`.execute(db);
  const totals = await sql<Row & { level: string }>`SELECT level, indicator, division_code, value
    FROM insight_snapshot_totals WHERE month = ${month} ORDER BY 1, 2, 3`.execute(db);
  return { rows: rows.rows, totals: totals.rows };
}

/** The month as a run from nothing computes it, in a transaction rolled back afterwards. */
async function computedInFull(at: Date) {
  let full: Awaited<ReturnType<typeof monthRows>> | undefined;
  await database.db
    .transaction()
    .execute(async (trx) => {
      // From nothing: the month, its totals and its run forgotten (so its totals are summed afresh too).
      await trx.deleteFrom('insight_snapshots').where('month', '=', month).execute();
      await trx.deleteFrom('insight_snapshot_totals').where('month', '=', month).execute();
      await trx.deleteFrom('insight_snapshot_months').where('month', '=', month).execute();
      const run = await fillSnapshots(trx, at);
      expect(run.divisions).toBe(-1);
      full = await monthRows(trx);
      throw new Error('rolled back');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
    });
  return full!;
}

async function child(village: string, category = { start: '2030-01-01', end: null as string | null }) {
  const row = await database.db
    .insertInto('children')
    .values({
      name: `标记儿童${(serial += 1)}`,
      birth_date: '2016-03-01',
      residence_code: village,
      created_at: cst('2030-01-01T00:00:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('child_categories')
    .values({
      child_id: row.id,
      category: 'left_behind',
      state: 'confirmed',
      start_date: category.start,
      end_date: category.end,
    })
    .execute();
  return row.id;
}

async function clock(
  village: string,
  due: string,
  options: { hours?: number[]; started?: string; rule?: string; subject?: string } = {},
) {
  const row = await database.db
    .insertInto('clocks')
    .values({
      rule: options.rule ?? 'visit.first',
      owner_org_id: committee,
      subject_type: options.subject ? 'referral' : 'visit',
      subject_id: options.subject ?? committee,
      division_code: village,
      started_at: cst(options.started ?? '2030-02-01T00:00:00'),
      due_at: cst(due),
      escalation_hours: options.hours ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function report(village: string, at: string) {
  await sql`INSERT INTO reports (ref_no, channel, situations, description, division_code, immediate_danger, reported_at)
    VALUES (${`M-${(serial += 1)}`}, 'mandated', '{6}', '测试', ${village}, false, ${cst(at)})`.execute(database.db);
}

async function openCase(childId: string, village: string, opened: string) {
  const { rows } = await sql<{
    id: string;
  }>`INSERT INTO cases (case_no, child_id, division_code, lead_org_id, opened_at)
    VALUES (${`MC-${(serial += 1)}`}, ${childId}, ${village}, ${committee}, ${cst(opened)}) RETURNING id`.execute(
    database.db,
  );
  return rows[0]!.id;
}

async function close(caseId: string, on: string) {
  await sql`INSERT INTO case_actions (case_id, seq, type, status_after, payload, actor_label, occurred_at)
    VALUES (${caseId}, 1, 'close', 'closed', '{}', '测试', ${cst(on)})`.execute(database.db);
}

/** A referral from the committee to a school, in `village`, with a response clock due at `due` (in 陈垅村, not its own village). */
async function referral(childId: string, village: string, due: string) {
  const { rows } = await sql<{ id: string }>`INSERT INTO referrals (child_id, from_org_id, to_org_id, service, shares,
      reason, consent, division_code, created_at)
    VALUES (${childId}, ${committee}, ${school}, '入学', '{identity}', '测试', '{}', ${village},
      ${cst('2030-02-20T00:00:00')}) RETURNING id`.execute(database.db);
  const id = rows[0]!.id;
  const clockId = await clock(places.chenlong, due, { rule: 'referral.response', subject: id });
  return { id, clockId };
}

let kids: string[] = [];
let school: string;
/** Villages where only a referral changes: its clock falls due by time, is stopped, or it is declined (dated before the last run). */
let referralVillages: string[] = [];
let stoppedReferralClock: string;
let declinedReferral: string;
let stopping: string;
let pausing: string;
let escalating: string;
let toClose: string;
/** A village where only the escalation alert happens. */
let quiet: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const make = factories(database.db);
  committee = (await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong })).id;
  kids = [
    await child(places.chenlong),
    await child(places.shakou, { start: '2030-01-01', end: '2030-03-05' }),
    await child(places.nongli, { start: '2030-03-05', end: null }),
    await child(places.heyi),
  ];
  stopping = await clock(places.chenlong, '2030-03-01T00:00:00');
  pausing = await clock(places.shakou, '2030-03-02T00:00:00');
  // Overdue purely by time: falls due between the two runs, in a place nothing else changes in.
  await clock(places.heyi, '2030-03-05T12:00:00');
  // Overdue before the first run; its only level (the conference level) is reached an hour later.
  const { rows: other } = await sql<{ code: string }>`SELECT code FROM divisions WHERE level = 'village'
    AND code LIKE '421022%' AND code NOT IN (${places.nongli}, ${places.heyi}) ORDER BY code LIMIT 4`.execute(
    database.db,
  );
  quiet = other[0]!.code;
  referralVillages = other.slice(1).map((row) => row.code);
  school = (await make.organisation({ kind: 'school', divisionCode: places.chenlong })).id;
  await referral(kids[0]!, referralVillages[0]!, '2030-03-05T12:00:00');
  stoppedReferralClock = (await referral(kids[0]!, referralVillages[1]!, '2030-03-01T00:00:00')).clockId;
  declinedReferral = (await referral(kids[0]!, referralVillages[2]!, '2030-03-20T00:00:00')).id;
  escalating = await clock(quiet, '2030-03-04T23:30:00', { hours: [1] });
  toClose = await openCase(kids[0]!, places.chenlong, '2030-02-10T00:00:00');
  await openCase(kids[3]!, places.heyi, '2030-02-11T00:00:00');
  await report(places.heyi, '2030-03-02T10:00:00');
  const first = await fillSnapshots(database.db, day0);
  expect(first.divisions).toBe(-1);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe('the running month recounted where it changed', () => {
  it('a first run of the month is a full one and marks are then trusted', async () => {
    const { rows } = await sql<{ marked: boolean }>`SELECT marked FROM insight_snapshot_months
      WHERE month = ${month}`.execute(database.db);
    expect(rows).toEqual([{ marked: true }]);
    expect(await monthRows()).toEqual(await computedInFull(day0));
  });

  it('after changes of every kind and a day, equals the full computation', async () => {
    const { db } = database;
    await report(places.shakou, '2030-03-05T09:00:00');
    // A report recorded with a time after the run's moment (a round that started before the write).
    await report(places.nongli, '2030-03-05T23:59:00');
    const opened = await openCase(kids[2]!, places.nongli, '2030-03-05T10:00:00');
    await close(toClose, '2030-03-05T11:00:00');
    await clock(places.nongli, '2030-03-20T00:00:00', { started: '2030-03-05T08:00:00' });
    await db
      .updateTable('clocks')
      .set({ state: 'met', stopped_at: cst('2030-03-05T08:00:00') })
      .where('id', '=', stopping)
      .execute();
    await db
      .updateTable('clocks')
      .set({ state: 'paused', paused_at: cst('2030-03-05T09:00:00') })
      .where('id', '=', pausing)
      .execute();
    // The escalation sweep's alert at the clock's last level (the sweep runs before the snapshots).
    const village = quiet;
    await sql`INSERT INTO alerts (clock_id, level, target, recipient_org_id, division_code, due_at, raised_at)
      VALUES (${escalating}, 1, 'owner', ${committee}, ${village}, ${cst('2030-03-04T23:30:00')},
        ${cst('2030-03-05T00:30:00')})`.execute(db);
    // A category confirmed for a child of 陈垅村, and a child moved there from 沙口村.
    await db
      .insertInto('child_categories')
      .values({ child_id: kids[0]!, category: 'de_facto_unsupported', state: 'confirmed', start_date: '2030-03-05' })
      .execute();
    await db.updateTable('children').set({ residence_code: places.chenlong }).where('id', '=', kids[1]!).execute();
    await sql`INSERT INTO placements (child_id, kind, legal_basis, guardianship_type, reason, handover,
      division_code, started_at) VALUES (${kids[2]!}, 'kinship_care', 'emergency', 'parents', '测试',
      ${JSON.stringify({ from: 'a', to: 'b', belongings: [], documents: [], notes: null })}, ${places.nongli},
      ${cst('2030-03-05T12:00:00')})`.execute(db);
    expect(opened).toBeTruthy();
    // Referrals: an overdue clock met, and a decline recorded late (dated before the last run).
    await db
      .updateTable('clocks')
      .set({ state: 'met', stopped_at: cst('2030-03-04T08:00:00') })
      .where('id', '=', stoppedReferralClock)
      .execute();
    await sql`INSERT INTO referral_actions (referral_id, seq, type, status_after, actor_label, occurred_at)
      VALUES (${declinedReferral}, 1, 'decline', 'declined', '测试', ${cst('2030-03-04T20:00:00')})`.execute(db);

    const run = await fillSnapshots(db, day1);
    expect(run.divisions).toBeGreaterThan(0);
    const after = await monthRows();
    expect(after).toEqual(await computedInFull(day1));
    // The changes show: the time-overdue clock in 河堰, the conference level in its village, the report.
    const indicators = (code: string) => after.rows.filter((row) => row.division_code === code).map((r) => r.indicator);
    expect(indicators(places.heyi)).toContain('visits.overdue');
    expect(indicators(village)).toContain('clocks.conference_level');
    expect(indicators(places.shakou)).toContain('reports.received');
    const [fallenDue, met, declined] = referralVillages;
    expect(indicators(fallenDue!)).toContain('referrals.overdue_education');
    expect(indicators(met!)).not.toContain('referrals.overdue_education');
    expect(indicators(declined!)).toEqual(
      expect.arrayContaining(['referrals.declined', 'referrals.declined_education']),
    );
  });

  it('an unchanged day recounts no division and reads no core count', async () => {
    const run = await fillSnapshots(database.db, day2);
    expect(run.divisions).toBe(0);
    // Still the full computation's month: the other features' counts (days open, stays) move with the day.
    expect(await monthRows()).toEqual(await computedInFull(day2));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM insight_snapshot_marks`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('a replay as of an earlier moment is a full run, and so is the run after it', async () => {
    await report(places.heyi, '2030-03-06T10:00:00');
    const replay = await fillSnapshots(database.db, day1);
    expect(replay.divisions).toBe(-1);
    expect(await monthRows()).toEqual(await computedInFull(day1));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM insight_snapshot_marks`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(1);
    const next = await fillSnapshots(database.db, day2);
    expect(next.divisions).toBe(-1);
    expect(await monthRows()).toEqual(await computedInFull(day2));
  });

  it("a receiver's kind changing moves its referrals' sector where they are", async () => {
    await database.db.updateTable('organisations').set({ kind: 'hospital' }).where('id', '=', school).execute();
    const run = await fillSnapshots(database.db, day3);
    expect(run.divisions).toBeGreaterThan(0);
    const after = await monthRows();
    expect(after).toEqual(await computedInFull(day3));
    const overdue = after.rows.filter((row) => row.indicator.startsWith('referrals.overdue_')).map((r) => r.indicator);
    expect(overdue).toContain('referrals.overdue_health');
    expect(overdue).not.toContain('referrals.overdue_education');
  });
});
