import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { defaultEscalationChain, type EscalationLevel } from './rule-sections.js';
import { clockEscalationSweep } from './sweep.js';

describe('escalation recipients resolved by place, set-based', () => {
  let db: TestDatabase;
  const due = new Date('2026-03-01T00:00:00Z');
  const after = (hours: number) => new Date(due.getTime() + hours * 3_600_000);
  const orgs = new Map<string, string>();
  const clocks = new Map<string, string>();

  async function org(key: string, kind: string, code: string, active = true): Promise<void> {
    // One statement each: created_at orders the duplicates.
    const { rows } = await sql<{
      id: string;
    }>`INSERT INTO organisations (name, kind, division_code, active, created_at) VALUES (${key}, ${kind}, ${code}, ${active}, now() + ${`${orgs.size} seconds`}::interval) RETURNING id`.execute(
      db.db,
    );
    orgs.set(key, rows[0]!.id);
  }
  async function clock(
    key: string,
    code: string,
    extra: { state?: 'paused' | 'missed'; stopped_at?: Date } = {},
  ): Promise<void> {
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: orgs.get('owner')!,
        subject_type: 'case',
        subject_id: crypto.randomUUID(),
        division_code: code,
        started_at: after(-240),
        due_at: due,
        escalation_hours: [0, 2, 24, 72, 168],
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db.insertInto('clock_escalations').values({ clock_id: row.id, next_escalation_at: due }).execute();
    clocks.set(key, row.id);
  }
  async function alerts(): Promise<string[]> {
    const names = new Map([...orgs].map(([key, id]) => [id, key]));
    const keys = new Map([...clocks].map(([key, id]) => [id, key]));
    const rows = await db.db
      .selectFrom('alerts')
      .select(['clock_id', 'level', 'target', 'recipient_org_id', 'raised_at'])
      .execute();
    return rows
      .map(
        (a) =>
          `${keys.get(a.clock_id)} L${a.level} ${a.target} → ${a.recipient_org_id ? names.get(a.recipient_org_id) : 'none'}`,
      )
      .sort();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await org('owner', 'civil_affairs_bureau', '421002000000');
    await org('committee 1', 'village_committee', '421002001001');
    await org('committee 2, dissolved', 'village_committee', '421002001002', false);
    await org('committee 2', 'village_committee', '421002001002');
    await org('committee 2, later', 'village_committee', '421002001002');
    await org('zhongshan', 'township_government', '421002001000');
    await org('chongwen', 'township_government', '421002002000');
    await org('jingzhou bureau', 'civil_affairs_bureau', '421000000000');
    await org('jingzhou office', 'joint_conference_office', '421000000000');
    await org('wuhan county', 'civil_affairs_bureau', '420102000000');
    await org('wuhan bureau', 'civil_affairs_bureau', '420100000000');
    await db.db
      .insertInto('lead_agencies')
      .values([
        {
          division_code: '421000000000',
          organisation_id: orgs.get('jingzhou bureau')!,
          valid_from: '2020-01-01',
          valid_to: '2026-01-01',
        },
        {
          division_code: '421000000000',
          organisation_id: orgs.get('jingzhou office')!,
          valid_from: '2026-01-01',
          valid_to: null,
        },
      ])
      .execute();
    // Two clocks in one village and one in its neighbour share the township, county and city.
    await clock('a', '421002001001');
    await clock('b', '421002001001');
    await clock('c', '421002001002');
    await clock('d', '421002002001'); // a village without a committee
    await clock('e', '420102001001'); // Wuhan: no township government, no lead agency named
    await clock('paused', '421002001001', { state: 'paused' });
    await clock('stopped', '421002001002', { state: 'missed', stopped_at: after(30) });
  });
  afterAll(async () => db.drop());

  it('raises every level with its recipient, the owner first; a level with no organisation at its place lands on the next level up', async () => {
    expect(await clockEscalationSweep.run(db.db, after(1))).toEqual({ alerts: 6, clocks: 6 });
    expect(await clockEscalationSweep.run(db.db, after(240))).toEqual({ alerts: 22, clocks: 6 });
    const raised = await alerts();
    const chain = (key: string, committee: string, township: string, county: string, city: string) => [
      `${key} L1 owner → owner`,
      `${key} L2 director → ${committee}`,
      `${key} L3 supervisor → ${township}`,
      `${key} L4 civil_affairs → ${county}`,
      `${key} L5 joint_conference → ${city}`,
    ];
    expect(raised).toEqual(
      [
        ...chain('a', 'committee 1', 'zhongshan', 'owner', 'jingzhou office'),
        ...chain('b', 'committee 1', 'zhongshan', 'owner', 'jingzhou office'),
        ...chain('c', 'committee 2', 'zhongshan', 'owner', 'jingzhou office'),
        // A level whose place has no organisation goes to the next level up, never to nobody.
        ...chain('d', 'chongwen', 'chongwen', 'owner', 'jingzhou office'),
        ...chain('e', 'wuhan county', 'wuhan county', 'wuhan county', 'wuhan bureau'),
        // Stopped 30 hours after the due time: the levels reached by then.
        ...chain('stopped', 'committee 2', 'zhongshan', 'owner', 'jingzhou office').slice(0, 3),
      ].sort(),
    );
    expect(raised.filter((a) => a.endsWith('→ none'))).toEqual([]);
    // …and is read there by the role of the level that received it.
    const roleOf = async (key: string, level: number) =>
      (
        await db.db
          .selectFrom('alerts')
          .select('recipient_role')
          .where('clock_id', '=', clocks.get(key)!)
          .where('level', '=', level)
          .executeTakeFirstOrThrow()
      ).recipient_role;
    expect([await roleOf('d', 2), await roleOf('e', 2), await roleOf('e', 3), await roleOf('a', 2)]).toEqual([
      'township_supervisor',
      'civil_affairs_officer',
      'civil_affairs_officer',
      'village_director',
    ]);
    const states = await db.db
      .selectFrom('clock_escalations')
      .select(['clock_id', 'escalation_level', 'next_escalation_at'])
      .execute();
    const of = (key: string) => states.find((s) => s.clock_id === clocks.get(key));
    expect(of('a')).toMatchObject({ escalation_level: 5, next_escalation_at: null });
    expect(of('stopped')).toMatchObject({ escalation_level: 3, next_escalation_at: null });
    expect(of('paused')).toMatchObject({ escalation_level: 0 });
  });

  it('a second run, and a replay as of an earlier moment, raise nothing', async () => {
    const before = await alerts();
    expect(await clockEscalationSweep.run(db.db, after(240))).toEqual({ alerts: 0, clocks: 0 });
    expect(await clockEscalationSweep.run(db.db, after(50))).toEqual({ alerts: 0, clocks: 0 });
    expect(await alerts()).toEqual(before);
  });

  it('the joint conference is the lead agency named on the day swept', async () => {
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: orgs.get('owner')!,
        subject_type: 'case',
        subject_id: crypto.randomUUID(),
        division_code: '421002001001',
        started_at: '2025-05-01T00:00:00Z',
        due_at: '2025-06-01T00:00:00Z',
        escalation_hours: [0, 2, 24, 72, 168],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db
      .insertInto('clock_escalations')
      .values({ clock_id: row.id, next_escalation_at: '2025-06-01T00:00:00Z' })
      .execute();
    clocks.set('2025', row.id);
    expect(await clockEscalationSweep.run(db.db, new Date('2025-06-10T00:00:00Z'))).toEqual({ alerts: 5, clocks: 1 });
    expect((await alerts()).filter((a) => a.startsWith('2025 L5'))).toEqual([
      '2025 L5 joint_conference → jingzhou bureau',
    ]);
  });

  it("a division with a chain of its own escalates to that chain's recipients; other places keep the default", async () => {
    await org('village 3', 'village_committee', '421003001001');
    await org('township 3', 'township_government', '421003001000');
    await org('county 3', 'civil_affairs_bureau', '421003000000');
    // This county skips the village director and takes late steps straight to the joint conference office.
    const chain: EscalationLevel[] = [
      { target: 'owner', recipients: [] },
      {
        target: 'supervisor',
        recipients: [
          { place: 'township', kind: 'township_government', role: 'township_supervisor', leadAgency: false },
        ],
      },
      {
        target: 'joint_conference',
        recipients: [{ place: 'city', kind: 'joint_conference_office', role: 'office_clerk', leadAgency: false }],
      },
    ];
    await db.db
      .insertInto('rule_sets')
      .values({
        scope_code: '421003000000',
        version: 1,
        valid_from: '2020-01-01',
        rules: JSON.stringify({ clocks: { escalationHours: [0, 24, 48], escalationChain: chain } }),
      })
      .execute();
    const row = await db.db
      .insertInto('clocks')
      .values({
        rule: 'case.review',
        owner_org_id: orgs.get('owner')!,
        subject_type: 'visit',
        subject_id: crypto.randomUUID(),
        division_code: '421003001001',
        started_at: after(-240),
        due_at: due,
        escalation_hours: [0, 24, 48],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db.insertInto('clock_escalations').values({ clock_id: row.id, next_escalation_at: due }).execute();
    clocks.set('own chain', row.id);
    await clock('default chain', '421002001001');
    expect(await clockEscalationSweep.run(db.db, after(240))).toEqual({ alerts: 8, clocks: 2 });
    const raised = (await alerts()).filter((a) => a.startsWith('own chain') || a.startsWith('default chain'));
    expect(raised).toEqual(
      [
        'own chain L1 owner → owner',
        'own chain L2 supervisor → township 3',
        'own chain L3 joint_conference → jingzhou office',
        'default chain L1 owner → owner',
        'default chain L2 director → committee 1',
        'default chain L3 supervisor → zhongshan',
        'default chain L4 civil_affairs → owner',
        'default chain L5 joint_conference → jingzhou office',
      ].sort(),
    );
    const roles = await db.db
      .selectFrom('alerts')
      .select(['level', 'recipient_role'])
      .where('clock_id', '=', clocks.get('own chain')!)
      .orderBy('level')
      .execute();
    expect(roles.map((r) => r.recipient_role)).toEqual([null, 'township_supervisor', 'office_clerk']);
    expect(defaultEscalationChain.map((level) => level.target)).toEqual([
      'owner',
      'director',
      'supervisor',
      'civil_affairs',
      'joint_conference',
    ]);
  });
});
