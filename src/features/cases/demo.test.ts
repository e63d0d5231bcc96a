import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/database.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { caseStatuses, foldActions } from './rules.js';
import { namedChildren } from '../../../test/support/demo-children.js';

let database: TestDatabase;
beforeAll(async () => {
  // A clone of the run's demo template, which the same seedDemo built (test/support/demo-template.ts).
  database = await createDemoDatabase();
}, 120_000);
afterAll(async () => database.drop());

describe('the cases demo, built by the real actions', () => {
  it('has a case in every status, each status the fold of its log', async () => {
    const cases = await database.db.selectFrom('cases').select(['id', 'seq']).execute();
    const statuses = new Set<string>();
    for (const kase of cases) {
      const actions = await database.db
        .selectFrom('case_actions')
        .select(['type', 'actor_user_id', 'status_after', 'seq'])
        .where('case_id', '=', kase.id)
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.seq)).toEqual(actions.map((_, i) => i + 1));
      expect(actions.at(-1)!.seq).toBe(kase.seq);
      const folded = foldActions(actions.map((a) => ({ type: a.type, actorUserId: a.actor_user_id })));
      expect(folded.status).toBe(actions.at(-1)!.status_after);
      statuses.add(folded.status);
    }
    expect([...statuses].sort()).toEqual([...caseStatuses].sort());
  });

  it('includes the children left alone without food, ending in long-term guardianship at the welfare home', async () => {
    const actions = await sql<{
      type: string;
      payload: { intervention?: { measure: string; placement?: { where: string } } };
    }>`
      SELECT a.type, a.payload FROM case_actions a JOIN cases c ON c.id = a.case_id JOIN children ch ON ch.id = c.child_id
      WHERE ch.name = '王梓涵' ORDER BY a.seq`.execute(database.db);
    const measures = actions.rows.flatMap((a) => (a.payload.intervention ? [a.payload.intervention.measure] : []));
    expect(measures).toEqual([
      'temporary_state_guardianship',
      'revocation_application',
      'revocation_application',
      'long_term_state_guardianship',
    ]);
    expect(actions.rows.map((a) => a.type)).toContain('emergency_response');
    const grade = await namedChildren(database.db, '王梓涵').select('risk_grade').executeTakeFirstOrThrow();
    expect(grade.risk_grade).toBe('high');
    // The welfare home works the case and holds the child: one grant each (the placement is the placements feature's).
    const welfare = await sql<{ basis: string }>`
      SELECT p.basis FROM child_participations p JOIN organisations o ON o.id = p.organisation_id JOIN children ch ON ch.id = p.child_id
      WHERE ch.name = '王梓涵' AND o.name = '荆州市儿童福利院' AND p.ended_at IS NULL ORDER BY p.basis`.execute(
      database.db,
    );
    expect(welfare.rows.map((r) => r.basis)).toEqual(['case', 'placement']);
    const episodes = await sql<{ kind: string; current: boolean }>`
      SELECT p.kind, p.ended_at IS NULL AS current FROM placements p JOIN children ch ON ch.id = p.child_id
      WHERE ch.name = '王梓涵' ORDER BY p.started_at`.execute(database.db);
    expect(episodes.rows).toEqual([
      { kind: 'protection_centre', current: false },
      { kind: 'welfare_home', current: true },
    ]);
  });

  it('numbers reports and cases from sequences a restore resets (owned by a column)', async () => {
    const owned = await sql<{
      reports: string | null;
      cases: string | null;
    }>`SELECT pg_get_serial_sequence('reports', 'serial') AS reports, pg_get_serial_sequence('cases', 'serial') AS cases`.execute(
      database.db,
    );
    expect(owned.rows[0]).toEqual({ reports: 'public.report_ref_seq', cases: 'public.case_no_seq' });
  });

  it('leaves some steps overdue and some acknowledgements late', async () => {
    const now = new Date();
    const overdue = await database.db
      .selectFrom('clocks')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('state', '=', 'running')
      .where('due_at', '<', now)
      .executeTakeFirstOrThrow();
    const missed = await database.db
      .selectFrom('clocks')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('state', '=', 'missed')
      .executeTakeFirstOrThrow();
    expect(overdue.n).toBeGreaterThan(0);
    expect(missed.n).toBeGreaterThan(0);
    // The neglect case's village never acknowledged the hotline report: the chain was told, up to the joint conference.
    const chain = await sql<{ target: string; name: string }>`
      SELECT a.target, o.name FROM alerts a JOIN clocks c ON c.id = a.clock_id JOIN organisations o ON o.id = a.recipient_org_id
      JOIN organisations owner ON owner.id = c.owner_org_id
      JOIN reports r ON r.id = c.report_id
      WHERE owner.name = '岑河镇沙口村村民委员会' AND c.rule = 'report.acknowledge' AND r.description LIKE '邻居来电%' ORDER BY a.level`.execute(
      database.db,
    );
    expect(chain.rows.map((r) => `${r.target}:${r.name}`)).toEqual([
      'owner:岑河镇沙口村村民委员会',
      'director:岑河镇沙口村村民委员会',
      'supervisor:沙市区岑河镇人民政府',
      'civil_affairs:荆州市沙市区民政局',
      'joint_conference:荆州市民政局',
    ]);
  });
});
