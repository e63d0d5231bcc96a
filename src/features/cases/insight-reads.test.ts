import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories, places } from '../../../test/support/factories.js';
import { type CaseStatus, caseStatuses } from '../../contract/cases/vocabulary.js';
import { type OpenCasesAt, openCasesAt } from './insight-reads.js';

/*
 * `openCasesAt` reads each case's last action before the moment in one ordered pass over the log's
 * index (0199) and takes the open cases once for both aggregates. Its answer must be the one the
 * per-case subquery it replaced gave (kept below as the reference), on a log that has every status,
 * reopened cases, cases closed and reopened, cases with only their opening or no action at all,
 * actions recorded out of their time order, two actions at one instant, and actions after the moment.
 */
let database: TestDatabase;
const day = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);

/** The read as it was before session 16 (a latest-status subquery per case), verbatim but for its scope. */
async function reference(at: Date): Promise<OpenCasesAt> {
  const { db } = database;
  const open = sql`
    SELECT c.id, c.division_code, c.manager_user_id, c.lead_org_id, c.opened_at,
      coalesce((SELECT a.status_after FROM case_actions a WHERE a.case_id = c.id AND a.occurred_at < ${at}
        ORDER BY a.occurred_at DESC, a.seq DESC LIMIT 1), 'reported') AS status
    FROM cases c
    WHERE c.opened_at < ${at}
      AND NOT EXISTS (SELECT 1 FROM case_actions a WHERE a.case_id = c.id AND a.status_after = 'closed'
        AND a.occurred_at < ${at})`;
  const byStatus = await sql<OpenCasesAt['byStatus'][number]>`
    SELECT division_code AS "divisionCode", status, count(*)::int AS cases,
      max(floor(extract(epoch FROM ${at}::timestamptz - opened_at) / 86400))::int AS "oldestDays"
    FROM (${open}) o GROUP BY 1, 2`.execute(db);
  const load = await sql<OpenCasesAt['load'][number]>`
    WITH o AS (${open}),
    managers AS (SELECT DISTINCT ON (manager_user_id) manager_user_id, division_code FROM o
      WHERE manager_user_id IS NOT NULL GROUP BY 1, 2 ORDER BY manager_user_id, count(*) DESC, division_code),
    leads AS (SELECT DISTINCT ON (lead_org_id) lead_org_id, division_code FROM o
      GROUP BY 1, 2 ORDER BY lead_org_id, count(*) DESC, division_code),
    counted AS (SELECT division_code, count(*) FILTER (WHERE manager_user_id IS NOT NULL) AS managed FROM o GROUP BY 1)
    SELECT c.division_code AS "divisionCode", c.managed::int AS managed, coalesce(m.n, 0)::int AS managers,
      coalesce(l.n, 0)::int AS "leadOrganisations"
    FROM counted c
    LEFT JOIN (SELECT division_code, count(*) AS n FROM managers GROUP BY 1) m ON m.division_code = c.division_code
    LEFT JOIN (SELECT division_code, count(*) AS n FROM leads GROUP BY 1) l ON l.division_code = c.division_code`.execute(
    db,
  );
  return { byStatus: byStatus.rows, load: load.rows };
}

const sorted = (result: OpenCasesAt) => ({
  byStatus: [...result.byStatus].sort((a, b) =>
    `${a.divisionCode}|${a.status}`.localeCompare(`${b.divisionCode}|${b.status}`),
  ),
  load: [...result.load].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode)),
});

let serial = 0;
let seed = 21;
/** A fixed pseudo-random sequence: the same varied log on every run. */
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface Setting {
  children: string[];
  leads: string[];
  managers: string[];
}

async function openCase(
  setting: Setting,
  village: string,
  opened: Date,
  manager: string | null,
  lead = pick(setting.leads),
): Promise<string> {
  const { rows } = await sql<{ id: string }>`INSERT INTO cases (case_no, child_id, division_code, lead_org_id,
    manager_user_id, opened_at) VALUES (${`C-${(serial += 1)}`}, ${pick(setting.children)}, ${village},
    ${lead}, ${manager}, ${opened}) RETURNING id`.execute(database.db);
  return rows[0]!.id;
}

/** Appends the entries in seq order, each at its own time (not necessarily later than the one before). */
async function log(caseId: string, entries: [CaseStatus, Date][]): Promise<void> {
  for (const [index, [status, at]] of entries.entries())
    await sql`INSERT INTO case_actions (case_id, seq, type, status_after, actor_label, occurred_at)
      VALUES (${caseId}, ${index + 1}, 'test', ${status}, '测试', ${at})`.execute(database.db);
  await sql`UPDATE cases SET seq = ${entries.length} WHERE id = ${caseId}`.execute(database.db);
}

const villages = [places.chenlong, places.nongli, places.heyi];
const moments = [
  day('2026-09-01'),
  day('2026-10-10'),
  day('2026-10-20', '12:00'),
  day('2026-11-01'),
  day('2026-11-15', '09:30'),
  day('2026-12-01'),
  day('2027-06-01'),
];

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const make = factories(db);
  const committee = await make.organisation({ kind: 'village_committee', divisionCode: places.chenlong });
  const setting: Setting = {
    children: [],
    leads: [
      committee.id,
      (await make.organisation({ kind: 'civil_affairs_bureau', divisionCode: places.jingzhou })).id,
      (await make.organisation({ kind: 'social_work_organisation', divisionCode: places.gongan })).id,
    ],
    managers: [],
  };
  for (let i = 0; i < 3; i += 1)
    setting.managers.push((await make.person('civil_affairs_officer', { organisation: committee })).id);
  for (let i = 0; i < 8; i += 1)
    setting.children.push(
      (
        await db
          .insertInto('children')
          .values({ name: `个案状态儿童${i}`, birth_date: '2015-05-01', residence_code: pick(villages) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );

  // Named shapes, at 沙口村 (no other case is there) with their own manager and lead, opened 1 October.
  const opened = day('2026-10-01', '08:00');
  const at = (date: string, time = '10:00') => day(date, time);
  const manager = (await make.person('civil_affairs_officer', { organisation: committee })).id;
  const ownLead = (await make.organisation({ kind: 'village_committee', divisionCode: places.shakou })).id;
  const named = () => openCase(setting, places.shakou, opened, manager, ownLead);
  // No action at all (a case row whose log is empty reads as reported), and only its opening.
  await named();
  await log(await named(), [['reported', opened]]);
  // One case resting in each status, the last reached on 1 November.
  for (const status of caseStatuses)
    await log(await named(), [
      ['reported', opened],
      ['acknowledged', at('2026-10-02')],
      [status, at('2026-11-01', '07:00')],
    ]);
  // Closed on 20 October and reopened on 5 November (not open again for the snapshots).
  await log(await named(), [
    ['reported', opened],
    ['closure_requested', at('2026-10-18')],
    ['closed', at('2026-10-20')],
    ['assistance', at('2026-11-05')],
  ]);
  // An action recorded after another but dated before it: by time, the later-recorded one is not last.
  await log(await named(), [
    ['reported', opened],
    ['assessment', at('2026-10-12', '15:00')],
    ['emergency_response', at('2026-10-12', '09:00')],
  ]);
  // Two actions at one instant: the higher seq is last.
  await log(await named(), [
    ['reported', opened],
    ['monitoring', at('2026-10-25')],
    ['assistance', at('2026-10-25')],
  ]);
  // A closure dated after a later-recorded action (closed from 1 November on, whatever came after).
  await log(await named(), [
    ['reported', opened],
    ['closed', at('2026-11-01')],
    ['monitoring', at('2026-10-30')],
  ]);

  // And a varied log: 60 cases across four villages, three leads and managers (or none), opened
  // from September to November; each action a random status, mostly later than the one before,
  // sometimes a few hours earlier, a closure now and then with actions after it.
  for (let i = 0; i < 60; i += 1) {
    const start = day('2026-09-05').getTime() + Math.floor(random() * 85) * 86_400_000;
    const caseId = await openCase(
      setting,
      pick(villages),
      new Date(start),
      random() < 0.3 ? null : pick(setting.managers),
    );
    const entries: [CaseStatus, Date][] = [];
    let time = start;
    const length = Math.floor(random() * 7);
    for (let n = 0; n < length; n += 1) {
      time += (random() < 0.2 ? -1 : 1) * Math.floor(random() * 6 * 86_400_000);
      entries.push([n === 0 ? 'reported' : pick(caseStatuses), new Date(time)]);
    }
    await log(caseId, entries);
  }
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe('open cases at a moment, for the insight snapshots', () => {
  it('gives the per-case subquery’s answer at every moment, on a varied log', async () => {
    for (const moment of moments) {
      const expected = sorted(await reference(moment));
      expect(sorted(await openCasesAt(database.db, moment)), moment.toISOString()).toEqual(expected);
    }
    // The fixture reaches what the comparison is about: many statuses, several places and caseloads.
    const november = await reference(day('2026-12-01'));
    expect(new Set(november.byStatus.map((row) => row.status)).size).toBeGreaterThanOrEqual(6);
    expect(november.load.length).toBe(4);
  });

  it('reads the named shapes as the log says', async () => {
    const shakou = async (moment: Date) => {
      const result = await openCasesAt(database.db, moment);
      return {
        byStatus: Object.fromEntries(
          result.byStatus.filter((row) => row.divisionCode === places.shakou).map((row) => [row.status, row.cases]),
        ),
        oldestDays: Math.max(
          ...result.byStatus.filter((row) => row.divisionCode === places.shakou).map((row) => row.oldestDays),
        ),
        load: result.load.find((row) => row.divisionCode === places.shakou),
      };
    };
    // Each status's own case but the closed one; the empty log and the opening alone read as reported;
    // the out-of-order pair's earlier-recorded action is last by time (assessment); at the tie, the
    // higher seq (assistance); closed then reopened, and closed before a later-recorded action: gone.
    expect(await shakou(day('2026-11-15', '09:30'))).toEqual({
      byStatus: {
        reported: 3,
        acknowledged: 1,
        emergency_response: 1,
        assessment: 2,
        assistance: 2,
        guardianship_intervention: 1,
        monitoring: 1,
        closure_requested: 1,
      },
      oldestDays: 45,
      load: { divisionCode: places.shakou, managed: 12, managers: 1, leadOrganisations: 1 },
    });
    // On 12 October at noon nothing has closed yet; between the out-of-order pair's times, the one
    // dated 09:00 (recorded last) is the last.
    expect(await shakou(day('2026-10-12', '12:00'))).toEqual({
      byStatus: { reported: 5, acknowledged: 9, emergency_response: 1 },
      oldestDays: 11,
      load: { divisionCode: places.shakou, managed: 15, managers: 1, leadOrganisations: 1 },
    });
  });
});
