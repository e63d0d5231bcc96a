import { sql } from 'kysely';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import './tables.js';

const batchSize = 20_000;

/**
 * Raises an alert for every escalation level a clock has reached as of `asOf`, set-based and in
 * batches read from the `next_escalation_at` index. Idempotent: (clock, level) is unique, and a
 * replay as of an earlier moment finds nothing new. Recipients by level: the owner; the village
 * committee of the place; its township; its county civil affairs bureau; the city's lead agency
 * (the joint conference office), or the city civil affairs bureau when none is named.
 */
export const clockEscalationSweep: Sweep = {
  name: 'clocks.escalate',
  async run(db, asOf) {
    let alerts = 0;
    let clocks = 0;
    for (;;) {
      const result = await escalationBatch(asOf).execute(db);
      const row = result.rows[0] ?? { alerts: 0, clocks: 0 };
      alerts += row.alerts;
      clocks += row.clocks;
      if (row.clocks < batchSize) break;
    }
    return { alerts, clocks };
  },
};

export function escalationBatch(asOf: Date) {
  return sql<{ alerts: number; clocks: number }>`
        WITH due AS (
          SELECT c.id, c.division_code, c.due_at, c.owner_org_id, c.owner_user_id, c.escalation_hours, c.stopped_at,
                 c.escalation_level AS from_level,
                 (SELECT count(*) FROM unnest(c.escalation_hours) AS h(hours)
                   WHERE c.due_at + make_interval(hours => h.hours) <= LEAST(${asOf}::timestamptz, COALESCE(c.stopped_at, ${asOf}::timestamptz)))::int AS to_level
          FROM clocks c
          WHERE c.next_escalation_at IS NOT NULL AND c.next_escalation_at <= ${asOf}::timestamptz AND c.state <> 'paused'
          ORDER BY c.next_escalation_at
          LIMIT ${batchSize}
          FOR UPDATE OF c SKIP LOCKED
        ),
        levels AS (
          SELECT d.*, g.level, t.target, t.role
          FROM due d
          CROSS JOIN LATERAL generate_series(d.from_level + 1, d.to_level) AS g(level)
          JOIN (VALUES (1, 'owner', NULL), (2, 'director', 'village_director'), (3, 'supervisor', 'township_supervisor'),
                       (4, 'civil_affairs', 'civil_affairs_officer'), (5, 'joint_conference', 'civil_affairs_officer')) AS t(level, target, role)
            ON t.level = g.level
        ),
        -- Each (level, place) is resolved once, not once per clock: a sweep over a million clocks
        -- touches a few thousand villages.
        places AS (SELECT DISTINCT target, division_code FROM levels WHERE target <> 'owner'),
        resolved AS (
          SELECT p.target, p.division_code,
                 CASE p.target
                   WHEN 'joint_conference' THEN COALESCE(
                     (SELECT la.organisation_id FROM lead_agencies la
                       WHERE la.division_code = substr(p.division_code, 1, 4) || '00000000'
                         AND la.valid_from <= (${asOf}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
                         AND (la.valid_to IS NULL OR la.valid_to > (${asOf}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)
                       ORDER BY la.valid_from DESC LIMIT 1),
                     (SELECT o.id FROM organisations o WHERE o.active AND o.kind = 'civil_affairs_bureau'
                       AND o.division_code = substr(p.division_code, 1, 4) || '00000000' ORDER BY o.created_at LIMIT 1))
                   ELSE (SELECT o.id FROM organisations o
                          WHERE o.active AND o.kind = CASE p.target WHEN 'director' THEN 'village_committee' WHEN 'supervisor' THEN 'township_government' ELSE 'civil_affairs_bureau' END
                            AND o.division_code = CASE p.target WHEN 'director' THEN p.division_code
                                                                WHEN 'supervisor' THEN substr(p.division_code, 1, 9) || '000'
                                                                ELSE substr(p.division_code, 1, 6) || '000000' END
                          ORDER BY o.created_at LIMIT 1)
                 END AS organisation_id
          FROM places p
        ),
        -- One row holding the map, so each alert looks its recipient up instead of joining CTEs
        -- without statistics (which the planner would nest-loop).
        recipients AS (SELECT coalesce(jsonb_object_agg(target || ':' || division_code, organisation_id), '{}') AS map FROM resolved),
        inserted AS (
          INSERT INTO alerts (clock_id, level, target, recipient_org_id, recipient_user_id, recipient_role, division_code, due_at, raised_at)
          SELECT l.id, l.level, l.target,
                 CASE WHEN l.target = 'owner' THEN l.owner_org_id ELSE (r.map ->> (l.target || ':' || l.division_code))::uuid END,
                 CASE WHEN l.target = 'owner' THEN l.owner_user_id END,
                 l.role, l.division_code, l.due_at,
                 l.due_at + make_interval(hours => l.escalation_hours[l.level])
          FROM levels l
          CROSS JOIN recipients r
          ON CONFLICT (clock_id, level) DO NOTHING
          RETURNING 1
        ),
        updated AS (
          UPDATE clocks c
          SET escalation_level = GREATEST(c.escalation_level, d.to_level),
              next_escalation_at = CASE
                WHEN d.to_level >= cardinality(d.escalation_hours) THEN NULL
                WHEN d.stopped_at IS NOT NULL AND d.due_at + make_interval(hours => d.escalation_hours[d.to_level + 1]) > d.stopped_at THEN NULL
                ELSE d.due_at + make_interval(hours => d.escalation_hours[d.to_level + 1]) END
          FROM due d
          WHERE c.id = d.id
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted)::int AS alerts, (SELECT count(*) FROM updated)::int AS clocks`;
}
