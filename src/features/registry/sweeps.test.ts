import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../../platform/access/actor.js';
import { registerSweep, runSweeps } from '../../platform/jobs/sweeps.js';
import { recomputeProposals } from './proposals.js';
import { ageOutSweep, reproposeSweep } from './sweeps.js';
import type { SituationKind } from './tables.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  registerSweep(ageOutSweep);
  registerSweep(reproposeSweep);
});
afterAll(async () => database.drop());

const village = '421002101201';
// 10:00 in Shanghai on the given day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);

async function child(name: string, birthDate: string): Promise<string> {
  const row = await database.db
    .insertInto('children')
    .values({ name, birth_date: birthDate, residence_code: village, hukou_code: village })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function parent(
  childId: string,
  relation: string,
  kind: SituationKind,
  since: string,
  until: string | null = null,
): Promise<void> {
  const member = await database.db
    .insertInto('family_members')
    .values({ child_id: childId, relation, name: `${relation}-${childId.slice(0, 4)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db.insertInto('member_situations').values({ member_id: member.id, kind, since, until }).execute();
}

async function member(
  childId: string,
  category: 'poverty' | 'left_behind',
  state: 'confirmed' | 'proposed',
): Promise<void> {
  await database.db
    .insertInto('child_categories')
    .values({ child_id: childId, category, state, start_date: '2020-01-01' })
    .execute();
}

const categoriesOf = (childId: string) =>
  database.db
    .selectFrom('child_categories')
    .select(['category', 'state', 'end_date', 'end_reason'])
    .where('child_id', '=', childId)
    .orderBy('created_at')
    .execute();

describe('registry sweeps, as of a date', () => {
  let turning18: string;
  let almost18: string;
  let turning16: string;
  let detained: string;
  let released: string;

  beforeAll(async () => {
    turning18 = await child('满十八', '2008-07-15');
    await member(turning18, 'poverty', 'confirmed');
    almost18 = await child('差一天', '2008-07-16');
    await member(almost18, 'poverty', 'confirmed');
    turning16 = await child('满十六', '2010-07-10');
    await member(turning16, 'left_behind', 'confirmed');
    await member(turning16, 'poverty', 'confirmed');
    detained = await child('羁押中', '2015-01-01');
    await parent(detained, 'father', 'imprisoned', '2026-02-01');
    await parent(detained, 'mother', 'deceased', '2019-01-01');
    released = await child('将释放', '2015-01-01');
    await parent(released, 'father', 'imprisoned', '2024-01-01', '2026-07-20');
    await parent(released, 'mother', 'deceased', '2019-01-01');
    await recomputeProposals(database.db, systemActor('test'), [released, detained], '2026-07-15');
  });

  it('at 18 the file is handed on: aged out, open memberships ended on the birthday, a hand-off note; the day before nothing', async () => {
    await runSweeps(database.db, at('2026-07-15'));
    const files = await database.db
      .selectFrom('children')
      .select(['id', 'status', 'handoff_note', 'version'])
      .where('id', 'in', [turning18, almost18])
      .execute();
    const aged = files.find((f) => f.id === turning18)!;
    expect(aged).toMatchObject({ status: 'aged_out', handoff_note: expect.stringContaining('2026-07-15'), version: 2 });
    expect(files.find((f) => f.id === almost18)!.status).toBe('active');
    expect(await categoriesOf(turning18)).toEqual([
      { category: 'poverty', state: 'ended', end_date: '2026-07-15', end_reason: 'registry.reason.aged_out' },
    ]);
    expect((await categoriesOf(almost18))[0]!.state).toBe('confirmed');
    const timeline = await database.db
      .selectFrom('child_timeline')
      .select(['kind', 'details'])
      .where('child_id', '=', turning18)
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.kind).sort()).toEqual(['category.ended', 'child.aged_out']);
    expect(timeline.find((t) => t.kind === 'child.aged_out')!.details).toMatchObject({
      handoffNote: expect.stringContaining('18'),
    });
  });

  it('left-behind ends at 16 on the birthday, other memberships go on', async () => {
    expect(await categoriesOf(turning16)).toEqual([
      {
        category: 'left_behind',
        state: 'ended',
        end_date: '2026-07-10',
        end_reason: 'registry.reason.left_behind_age',
      },
      { category: 'poverty', state: 'confirmed', end_date: null, end_reason: null },
    ]);
  });

  it('is idempotent: the same date again changes nothing', async () => {
    const before = await database.db
      .selectFrom('child_timeline')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const reports = await runSweeps(database.db, at('2026-07-15'));
    expect(reports).not.toBe('busy');
    const outcomes = Object.fromEntries(
      (reports as { sweep: string; outcome: Record<string, number> }[]).map((r) => [r.sweep, r.outcome]),
    );
    expect(outcomes['registry.age-out']).toMatchObject({
      agedOut: 0,
      membershipsEnded: 0,
      leftBehindEnded: 0,
      full: 0,
    });
    expect(outcomes['registry.repropose']).toMatchObject({ proposed: 0, withdrawn: 0 });
    const after = await database.db
      .selectFrom('child_timeline')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a release withdraws the open proposal once its date has passed', async () => {
    expect((await categoriesOf(released)).map((c) => [c.category, c.state])).toEqual([
      ['de_facto_unsupported', 'proposed'],
    ]);
    await runSweeps(database.db, at('2026-07-19'));
    expect((await categoriesOf(released)).map((c) => c.state)).toEqual(['proposed']);
    await runSweeps(database.db, at('2026-07-21'));
    expect(await categoriesOf(released)).toEqual([
      {
        category: 'de_facto_unsupported',
        state: 'ended',
        end_date: '2026-07-21',
        end_reason: 'registry.reason.proposal_withdrawn',
      },
    ]);
  });

  it('six months of detention, crossed between two runs, proposes de facto unsupported', async () => {
    expect(await categoriesOf(detained)).toEqual([]);
    await runSweeps(database.db, at('2026-07-31'));
    expect(await categoriesOf(detained)).toEqual([]);
    await runSweeps(database.db, at('2026-08-03'));
    expect((await categoriesOf(detained)).map((c) => [c.category, c.state])).toEqual([
      ['de_facto_unsupported', 'proposed'],
    ]);
    const entry = await database.db
      .selectFrom('child_timeline')
      .select(['kind', 'actor_label', 'details'])
      .where('child_id', '=', detained)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      kind: 'category.proposed',
      actor_label: 'system:sweep',
      details: { asOf: '2026-08-03', ruleId: 'de_facto.one_gone_other_unable' },
    });
  });
});

describe('the re-proposal sweep after a finished run', () => {
  let db: TestDatabase;
  let childId: string;
  const stateOf = async () =>
    (
      await db.db.selectFrom('child_categories').select(['category', 'state']).where('child_id', '=', childId).execute()
    ).map((c) => `${c.category} ${c.state}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    // Father imprisoned since 10 January (six months on 10 July), mother deceased: de facto unsupported from then on.
    const child = await db.db
      .insertInto('children')
      .values({ name: '父亲服刑', birth_date: '2016-01-01', residence_code: village, hukou_code: village })
      .returning('id')
      .executeTakeFirstOrThrow();
    childId = child.id;
    for (const [relation, kind, since] of [
      ['father', 'imprisoned', '2026-01-10'],
      ['mother', 'deceased', '2020-01-01'],
    ] as const) {
      const member = await db.db
        .insertInto('family_members')
        .values({ child_id: childId, relation, name: `服刑${relation}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.db.insertInto('member_situations').values({ member_id: member.id, kind, since }).execute();
    }
    registerSweep(reproposeSweep);
  });
  afterAll(async () => db.drop());

  it('looks back from the last finished run, and at no one when run again as of the same moment', async () => {
    const outcomeOf = (reports: Awaited<ReturnType<typeof runSweeps>>) =>
      reports === 'busy' ? undefined : reports.find((r) => r.sweep === 'registry.repropose')?.outcome;
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-09')))).toEqual({ children: 0, proposed: 0, withdrawn: 0 });
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-10')))).toEqual({ children: 1, proposed: 1, withdrawn: 0 });
    expect(await stateOf()).toEqual(['de_facto_unsupported proposed']);
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-10')))).toEqual({ children: 0, proposed: 0, withdrawn: 0 });
    // A replay from before the finished runs looks back its own window again, and finds the proposal made.
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-08')))).toMatchObject({ proposed: 0, withdrawn: 0 });
  });
});

describe('age-out between two runs', () => {
  let db: TestDatabase;
  const outcomeOf = (reports: Awaited<ReturnType<typeof runSweeps>>) =>
    reports === 'busy' ? undefined : reports.find((r) => r.sweep === 'registry.age-out')?.outcome;
  const add = async (name: string, birthDate: string, leftBehind: boolean) => {
    const row = await db.db
      .insertInto('children')
      .values({ name, birth_date: birthDate, residence_code: village, hukou_code: village })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (leftBehind)
      await db.db
        .insertInto('child_categories')
        .values({ child_id: row.id, category: 'left_behind', state: 'confirmed', start_date: '2020-01-01' })
        .execute();
    return row.id;
  };
  const stateOf = async (id: string) =>
    (await db.db.selectFrom('child_categories').select('state').where('child_id', '=', id).executeTakeFirst())?.state;

  beforeAll(async () => {
    db = await createTestDatabase();
    registerSweep(ageOutSweep);
  });
  afterAll(async () => db.drop());

  it('reads only the birthdays crossed and the children registered since the last run, and every child once a week', async () => {
    const turns18 = await add('七月满十八', '2008-07-05', false);
    const turns16 = await add('七月满十六', '2010-07-06', true);
    // Past 16 already at the first run, without the category then; it is opened by hand afterwards.
    const openedLater = await add('后补留守', '2009-01-01', false);
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-01')))).toMatchObject({
      agedOut: 0,
      leftBehindEnded: 0,
      full: 1,
    });
    // Registered after that run, already past 16, with the category from its ledger.
    const registeredLater = await add('新登记', '2010-01-01', true);
    await db.db
      .insertInto('child_categories')
      .values({ child_id: openedLater, category: 'left_behind', state: 'confirmed', start_date: '2026-07-02' })
      .execute();

    expect(outcomeOf(await runSweeps(db.db, at('2026-07-07')))).toMatchObject({
      agedOut: 1,
      leftBehindEnded: 2,
      full: 0,
    });
    expect(
      (await db.db.selectFrom('children').select('status').where('id', '=', turns18).executeTakeFirst())?.status,
    ).toBe('aged_out');
    expect([await stateOf(turns16), await stateOf(registeredLater), await stateOf(openedLater)]).toEqual([
      'ended',
      'ended',
      'confirmed',
    ]);
    // A week after the last full pass: everyone past a limit is read again.
    expect(outcomeOf(await runSweeps(db.db, at('2026-07-08')))).toMatchObject({ leftBehindEnded: 1, full: 1 });
    expect(await stateOf(openedLater)).toBe('ended');
  });
});
