import { sql, type Transaction } from 'kysely';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

type Trx = Transaction<Database>;

/**
 * Gives every active child without a responsible director the director of its residence village
 * (the earliest appointed when several cover it), recorded with the reason. Set-based; `villages`
 * limits it to some places. Returns the children assigned.
 */
export async function assignResidenceDirectors(
  trx: Trx,
  actor: Actor,
  at: Date,
  options: { villages?: readonly string[]; reason?: 'residence_village' | 'director_removed'; note?: string } = {},
): Promise<{ childId: string; staffId: string }[]> {
  const villages = options.villages;
  if (villages && villages.length === 0) return [];
  const day = sql`(${at}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
  const result = await sql<{ child_id: string; staff_id: string }>`
    INSERT INTO child_assignments (child_id, staff_id, from_at, reason, note, recorded_by)
    SELECT DISTINCT ON (c.id) c.id, s.id, ${at}::timestamptz, ${options.reason ?? 'residence_village'}, ${options.note ?? null}, ${actor.userId}
    FROM children c
    JOIN grassroots_postings p ON p.division_code = c.residence_code AND p.to_on IS NULL AND p.from_on <= ${day}
    JOIN grassroots_staff s ON s.id = p.staff_id AND s.status = 'active' AND s.post = 'village_director'
    WHERE c.status = 'active' AND c.merged_into IS NULL
      ${villages ? sql`AND c.residence_code IN (${sql.join([...villages])})` : sql``}
      AND NOT EXISTS (SELECT 1 FROM child_assignments a WHERE a.child_id = c.id AND a.to_at IS NULL)
    ORDER BY c.id, s.appointed_on, s.created_at
    ON CONFLICT (child_id) WHERE to_at IS NULL DO NOTHING
    RETURNING child_id, staff_id`.execute(trx);
  const rows = result.rows.map((r) => ({ childId: r.child_id, staffId: r.staff_id }));
  if (rows.length > 0 && rows.length <= 5000)
    await recordTimeline(
      trx,
      actor,
      rows.map((r) => ({
        childId: r.childId,
        kind: 'assignment.started',
        entityType: 'assignment',
        entityId: r.staffId,
        reason: options.note ?? null,
        details: { staffId: r.staffId, reason: options.reason ?? 'residence_village' },
        occurredAt: at,
      })),
    );
  return rows;
}

/** Ends the current assignments of a person's children (or of one child), with the reason; returns the children. */
export async function endAssignments(
  trx: Trx,
  where: { staffId?: string; childId?: string },
  at: Date,
  endedReason: 'reassigned' | 'director_removed',
): Promise<{ childId: string; staffId: string }[]> {
  if (!where.staffId && !where.childId) return [];
  const result = await sql<{ child_id: string; staff_id: string }>`
    UPDATE child_assignments SET to_at = ${at}::timestamptz, ended_reason = ${endedReason}
    WHERE to_at IS NULL
      ${where.staffId ? sql`AND staff_id = ${where.staffId}` : sql``}
      ${where.childId ? sql`AND child_id = ${where.childId}` : sql``}
    RETURNING child_id, staff_id`.execute(trx);
  return result.rows.map((r) => ({ childId: r.child_id, staffId: r.staff_id }));
}
