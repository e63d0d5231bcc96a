import { type RawBuilder, sql } from 'kysely';
import type { StoredCount } from '../../contract/insight/problems.js';
import { everywhere, type Within } from './snapshot-marks.js';

/** A clock count: overdue at the moment, due in the month, or due in the month and stopped by its due time. */
type ClockCount = [StoredCount, 'overdue' | 'due' | 'on_time', RawBuilder<unknown>];

const dueAndOnTime = (due: StoredCount, onTime: StoredCount, rule: RawBuilder<unknown>): ClockCount[] => [
  [due, 'due', rule],
  [onTime, 'on_time', rule],
];

function clockCountList(at: Date): ClockCount[] {
  return [
    ['clocks.overdue', 'overdue', sql`rule NOT LIKE 'test.%'`],
    [
      'clocks.conference_level',
      'overdue',
      sql`rule NOT LIKE 'test.%' AND cardinality(escalation_hours) > 0
        AND due_at + make_interval(hours => escalation_hours[cardinality(escalation_hours)]) <= ${at}`,
    ],
    ['referrals.overdue', 'overdue', sql`rule LIKE 'referral.%'`],
    ['placements.station_overstay', 'overdue', sql`rule = 'placement.rescue_station_stay'`],
    ['recommendations.overdue', 'overdue', sql`rule = 'recommendation.reply'`],
    ['funding.benefits_overdue', 'overdue', sql`rule LIKE 'benefit.%'`],
    ['visits.overdue', 'overdue', sql`rule LIKE 'visit.%'`],
    ...dueAndOnTime('reports.ack_due', 'reports.ack_on_time', sql`rule = 'report.acknowledge'`),
    ...dueAndOnTime('reports.emergency_due', 'reports.emergency_on_time', sql`rule = 'report.emergency_response'`),
    ...dueAndOnTime('visits.due', 'visits.on_time', sql`rule LIKE 'visit.%'`),
    ...dueAndOnTime('family.reassessment_due', 'family.reassessed_on_time', sql`rule = 'assessment.periodic'`),
    ...dueAndOnTime('family.entrusted_due', 'family.entrusted_on_time', sql`rule LIKE 'entrusted.%'`),
    ...dueAndOnTime('security.verification_due', 'security.verified_on_time', sql`rule = 'benefit.verification'`),
    ...dueAndOnTime('security.decision_due', 'security.decided_on_time', sql`rule = 'benefit.decision'`),
  ];
}

/**
 * Every count over clocks per division, in one read of the clocks instead of one per count (the
 * clocks are the largest table the snapshot reads). Overdue at the moment: started, due, not
 * stopped by then, not paused then. Due in the month: due between its start and the moment; on
 * time: stopped by its due time. Read in two parts that together hold every clock that can count:
 * the clocks not stopped, from an index holding what the counts read (migration 0203: no heap
 * visit, and only the divisions asked for), and the stopped ones stopped after the moment or due
 * in the month (two ranges), not the years of stopped clocks before it.
 */
export function clockCounts(start: Date, at: Date, within: Within = everywhere): RawBuilder<unknown> {
  const overdue = sql`started_at <= ${at} AND due_at <= ${at} AND (stopped_at IS NULL OR stopped_at > ${at})
    AND NOT (state = 'paused' AND paused_at <= ${at})`;
  const due = sql`due_at >= ${start} AND due_at < ${at}`;
  const when = { overdue, due, on_time: sql`${due} AND stopped_at IS NOT NULL AND stopped_at <= due_at` };
  const list = clockCountList(at);
  const columns = list.map(
    ([, kind, rule], index) => sql`count(*) FILTER (WHERE ${when[kind]} AND ${rule}) AS ${sql.ref(`c${index}`)}`,
  );
  const pairs = list.map(([indicator], index) => sql`(${indicator}, x.${sql.ref(`c${index}`)})`);
  const read = sql`division_code, rule, started_at, due_at, stopped_at, state, paused_at, escalation_hours`;
  return sql`
    SELECT v.indicator, x.division_code, v.n FROM (
      SELECT division_code, ${sql.join(columns)} FROM (
        SELECT ${read} FROM clocks
        WHERE stopped_at IS NULL AND due_at <= ${at} AND ((${overdue}) OR (${due})) AND ${within(sql.ref('division_code'))}
        UNION ALL
        SELECT ${read} FROM clocks
        WHERE stopped_at IS NOT NULL AND (stopped_at > ${at} OR (${due})) AND ((${overdue}) OR (${due}))
          AND ${within(sql.ref('division_code'))}) k
      GROUP BY 1) x
    CROSS JOIN LATERAL (VALUES ${sql.join(pairs)}) AS v(indicator, n)`;
}

/** The indicators `clockCounts` stages. */
export const clockIndicators: readonly StoredCount[] = clockCountList(new Date(0)).map(([indicator]) => indicator);
