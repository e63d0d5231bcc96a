import { sql } from 'kysely';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { type ChainLevelRow, type ChainStepRow, escalationChains } from './chain.js';
import './tables.js';

const batchSize = 10_000;
// Batches claim their clocks' escalation rows with SKIP LOCKED, so two can run side by side on two
// connections: the writes are CPU-bound in the database. The clock itself is read, not locked: every
// writer of what the sweep reads from it (stop, pause, resume, recompute) also writes the clock's
// escalation row in the same statement, so it waits for the batch or the batch skips its clock.
const workers = 2;

/**
 * Raises an alert for every escalation level a clock has reached as of `asOf`, set-based and in
 * batches read from the `clock_escalations` next-time index. Idempotent: (clock, level) is unique, and a
 * replay as of an earlier moment finds nothing new. Who hears of each level is the escalation chain
 * of the clock's division (rule section `clocks.escalationChain`, resolved on the day swept): by
 * default the owner; the village committee of the place; its township; its county civil affairs
 * bureau; the city's lead agency (the joint conference office), or the city civil affairs bureau
 * when none is named. A level whose place has no such organisation goes to the next recipient of
 * its list (by default ending at the province's civil affairs).
 */
export const clockEscalationSweep: Sweep = {
  name: 'clocks.escalate',
  async run(db, asOf) {
    const chains = await escalationChains(db, asOf);
    const totals = { alerts: 0, clocks: 0 };
    // A worker stops at a short batch: what it skipped was locked by the other, which carries on.
    const worker = async () => {
      for (;;) {
        const result = await escalationBatch(asOf, chains).execute(db);
        const row = result.rows[0] ?? { alerts: 0, clocks: 0, claimed: 0 };
        totals.alerts += row.alerts;
        totals.clocks += row.clocks;
        // A batch that moved no clock stops too: it found only rows it cannot move.
        if (row.claimed < batchSize || row.clocks === 0) return;
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return totals;
  },
};

export function escalationBatch(asOf: Date, chains: { levels: ChainLevelRow[]; steps: ChainStepRow[] }) {
  const day = sql`(${asOf}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
  return sql<{ alerts: number; clocks: number; claimed: number }>`
        -- The batch's escalation rows are claimed first, from the narrow table alone: claimed after
        -- the join, a batch read and joined every clock the other batch held before skipping it.
        -- A paused clock has no next time (pauseClock clears it in its own statement).
        WITH claimed AS MATERIALIZED (
          SELECT e.clock_id, e.escalation_level
          FROM clock_escalations e
          WHERE e.next_escalation_at IS NOT NULL AND e.next_escalation_at <= ${asOf}::timestamptz
          ORDER BY e.next_escalation_at
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED
        ),
        due AS MATERIALIZED (
          SELECT c.id, c.division_code, c.due_at, c.owner_org_id, c.owner_user_id, c.escalation_hours, c.stopped_at,
                 cl.escalation_level AS from_level,
                 (SELECT count(*) FROM unnest(c.escalation_hours) AS h(hours)
                   WHERE c.due_at + make_interval(hours => h.hours) <= LEAST(${asOf}::timestamptz, COALESCE(c.stopped_at, ${asOf}::timestamptz)))::int AS to_level
          FROM claimed cl
          -- By key, one probe a claimed row (LIMIT keeps the planner from hashing a scan of every clock).
          CROSS JOIN LATERAL (SELECT * FROM clocks c WHERE c.id = cl.clock_id AND c.state <> 'paused' LIMIT 1) c
        ),
        -- The chain of each place with rules of its own; a clock takes its longest matching prefix.
        chain_levels AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(chains.levels)}::jsonb) AS x(prefix text, level int, target text, role text)
        ),
        chain_steps AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(chains.steps)}::jsonb)
            AS x(prefix text, level int, rank int, kind text, role text, len int, lead boolean)
        ),
        chain_prefixes AS (SELECT DISTINCT prefix FROM chain_levels),
        levels AS (
          SELECT d.id, d.division_code, d.due_at, d.owner_org_id, d.owner_user_id, d.escalation_hours, t.level, t.target, t.role, t.prefix
          FROM due d
          CROSS JOIN LATERAL (
            SELECT p.prefix FROM chain_prefixes p WHERE starts_with(d.division_code, p.prefix) ORDER BY length(p.prefix) DESC LIMIT 1
          ) ch
          JOIN chain_levels t ON t.prefix = ch.prefix AND t.level > d.from_level AND t.level <= d.to_level
        ),
        -- Each (kind, place) is resolved once, by one join with the active organisations of that
        -- kind and place (organisations_active_kind_division_idx): a batch of clocks in thousands of
        -- villages reaches a few hundred townships and counties. Where the chain says so, the
        -- place's lead agency named on the day swept comes first.
        places AS (
          SELECT DISTINCT s.kind, s.lead, rpad(substr(l.division_code, 1, s.len), 12, '0') AS place
          FROM levels l JOIN chain_steps s ON s.prefix = l.prefix AND s.level = l.level
        ),
        resolved AS (
          SELECT DISTINCT ON (p.kind, p.lead, p.place) p.kind, p.lead, p.place, COALESCE(la.organisation_id, o.id) AS organisation_id
          FROM places p
          LEFT JOIN lead_agencies la ON p.lead AND la.division_code = p.place
            AND la.valid_from <= ${day} AND (la.valid_to IS NULL OR la.valid_to > ${day})
          LEFT JOIN organisations o ON o.active AND o.kind = p.kind AND o.division_code = p.place
          ORDER BY p.kind, p.lead, p.place, la.valid_from DESC NULLS LAST, o.created_at
        ),
        -- One row holding the map, so each alert looks its recipient up instead of joining CTEs
        -- without statistics (which the planner would nest-loop).
        recipients AS (
          SELECT coalesce(jsonb_object_agg(kind || ':' || lead || ':' || place, organisation_id)
                   FILTER (WHERE organisation_id IS NOT NULL), '{}') AS map
          FROM resolved
        ),
        inserted AS (
          INSERT INTO alerts (clock_id, level, target, recipient_org_id, recipient_user_id, recipient_role, division_code, due_at, raised_at)
          SELECT l.id, l.level, l.target,
                 -- No recipient anywhere up the tree (a province without a civil affairs bureau in
                 -- Haven): the owner organisation hears of it, read by all its staff — never nobody.
                 CASE WHEN l.target = 'owner' THEN l.owner_org_id ELSE COALESCE(f.organisation_id, l.owner_org_id) END,
                 CASE WHEN l.target = 'owner' THEN l.owner_user_id END,
                 CASE WHEN l.target <> 'owner' AND f.organisation_id IS NULL THEN NULL ELSE COALESCE(f.role, l.role) END,
                 l.division_code, l.due_at,
                 l.due_at + make_interval(hours => l.escalation_hours[l.level])
          FROM levels l
          CROSS JOIN recipients r
          LEFT JOIN LATERAL (
            SELECT (r.map ->> (s.kind || ':' || s.lead || ':' || rpad(substr(l.division_code, 1, s.len), 12, '0')))::uuid AS organisation_id, s.role
            FROM chain_steps s
            WHERE l.target <> 'owner' AND s.prefix = l.prefix AND s.level = l.level
              AND r.map ? (s.kind || ':' || s.lead || ':' || rpad(substr(l.division_code, 1, s.len), 12, '0'))
            ORDER BY s.rank
            LIMIT 1
          ) f ON true
          ON CONFLICT (clock_id, level) DO NOTHING
          RETURNING 1
        ),
        -- The narrow row only (migration 0190); by primary key: joined with the CTE alone, the
        -- planner hashes a scan of every row.
        updated AS (
          UPDATE clock_escalations e
          SET escalation_level = GREATEST(e.escalation_level, d.to_level),
              next_escalation_at = CASE
                WHEN d.to_level >= cardinality(d.escalation_hours) THEN NULL
                WHEN d.stopped_at IS NOT NULL AND d.due_at + make_interval(hours => d.escalation_hours[d.to_level + 1]) > d.stopped_at THEN NULL
                ELSE d.due_at + make_interval(hours => d.escalation_hours[d.to_level + 1]) END
          FROM due d
          WHERE e.clock_id = ANY(ARRAY(SELECT id FROM due)) AND e.clock_id = d.id
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted)::int AS alerts, (SELECT count(*) FROM updated)::int AS clocks,
          (SELECT count(*) FROM claimed)::int AS claimed`;
}
