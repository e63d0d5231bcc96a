import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { CaseStatus } from '../../contract/cases/vocabulary.js';

export interface OpenCasesAt {
  /** Open cases per division and status at the moment, with the days the oldest of them has been open. */
  byStatus: { divisionCode: string; status: CaseStatus; cases: number; oldestDays: number }[];
  /**
   * Per division: open cases with a case manager, the managers and the lead organisations counted
   * there — each manager (organisation) once, at the division where most of their open cases are.
   */
  load: { divisionCode: string; managed: number; managers: number; leadOrganisations: number }[];
}

/**
 * Cases open at `at` (opened before it, never closed before it — as the snapshot's `cases.open`)
 * for the insight snapshots, counts only. A case's status is its last action's before `at` (latest
 * `occurred_at`, then `seq`); the manager and lead organisation are today's (the case row keeps no
 * history of them). One statement: the open cases are taken once and both aggregates read them.
 * Every case's last action comes from one ordered pass over `case_actions_latest_idx` (0199), which
 * carries each entry's resulting status — not a probe and a sort of the log per case (9 s at 1M).
 */
export async function openCasesAt(db: Kysely<Database> | Transaction<Database>, at: Date): Promise<OpenCasesAt> {
  const { rows } = await sql<{
    kind: 'status' | 'load';
    divisionCode: string;
    status: CaseStatus | null;
    cases: number | null;
    oldestDays: number | null;
    managed: number | null;
    managers: number | null;
    leadOrganisations: number | null;
  }>`
    WITH last AS (
      SELECT DISTINCT ON (a.case_id) a.case_id, a.status_after FROM case_actions a
      WHERE a.occurred_at < ${at} ORDER BY a.case_id, a.occurred_at DESC, a.seq DESC
    ),
    o AS MATERIALIZED (
      SELECT c.division_code, c.manager_user_id, c.lead_org_id, c.opened_at, coalesce(l.status_after, 'reported') AS status
      FROM cases c LEFT JOIN last l ON l.case_id = c.id
      WHERE c.opened_at < ${at} AND ${systemScope('insight snapshot: open cases are counted, no child is named')}
        AND NOT EXISTS (SELECT 1 FROM case_actions a WHERE a.case_id = c.id AND a.status_after = 'closed'
          AND a.occurred_at < ${at})
    ),
    managers AS (SELECT DISTINCT ON (manager_user_id) manager_user_id, division_code FROM o
      WHERE manager_user_id IS NOT NULL GROUP BY 1, 2 ORDER BY manager_user_id, count(*) DESC, division_code),
    leads AS (SELECT DISTINCT ON (lead_org_id) lead_org_id, division_code FROM o
      GROUP BY 1, 2 ORDER BY lead_org_id, count(*) DESC, division_code),
    counted AS (SELECT division_code, count(*) FILTER (WHERE manager_user_id IS NOT NULL) AS managed FROM o GROUP BY 1)
    SELECT 'status' AS kind, division_code AS "divisionCode", status, count(*)::int AS cases,
      max(floor(extract(epoch FROM ${at}::timestamptz - opened_at) / 86400))::int AS "oldestDays",
      NULL::int AS managed, NULL::int AS managers, NULL::int AS "leadOrganisations"
    FROM o GROUP BY 2, 3
    UNION ALL
    SELECT 'load', c.division_code, NULL, NULL, NULL, c.managed::int, coalesce(m.n, 0)::int, coalesce(l.n, 0)::int
    FROM counted c
    LEFT JOIN (SELECT division_code, count(*) AS n FROM managers GROUP BY 1) m ON m.division_code = c.division_code
    LEFT JOIN (SELECT division_code, count(*) AS n FROM leads GROUP BY 1) l ON l.division_code = c.division_code`.execute(
    db,
  );
  const result: OpenCasesAt = { byStatus: [], load: [] };
  for (const row of rows)
    if (row.kind === 'status')
      result.byStatus.push({
        divisionCode: row.divisionCode,
        status: row.status as CaseStatus,
        cases: row.cases ?? 0,
        oldestDays: row.oldestDays ?? 0,
      });
    else
      result.load.push({
        divisionCode: row.divisionCode,
        managed: row.managed ?? 0,
        managers: row.managers ?? 0,
        leadOrganisations: row.leadOrganisations ?? 0,
      });
  return result;
}

/**
 * Applications to revoke a guardian's qualification recorded in guardianship interventions, for the
 * insight snapshots (counts only), per case division: cases whose application was filed on a day in
 * [firstDay, lastDay], and cases whose court decision `revoked` is dated in it. An application
 * recorded again with its decision counts once.
 */
export async function revocationsBetween(
  db: Kysely<Database> | Transaction<Database>,
  firstDay: string,
  lastDay: string,
): Promise<{ divisionCode: string; filed: number; revoked: number }[]> {
  const measure = sql`a.payload -> 'intervention'`;
  const { rows } = await sql<{ divisionCode: string; filed: number; revoked: number }>`
    SELECT c.division_code AS "divisionCode",
      count(DISTINCT c.id) FILTER (WHERE (${measure} ->> 'filedOn')::date BETWEEN ${firstDay}::date AND ${lastDay}::date)::int AS filed,
      count(DISTINCT c.id) FILTER (WHERE ${measure} ->> 'decision' = 'revoked'
        AND (${measure} ->> 'decidedOn')::date BETWEEN ${firstDay}::date AND ${lastDay}::date)::int AS revoked
    FROM case_actions a JOIN cases c ON c.id = a.case_id
    WHERE a.type = 'guardianship_intervention' AND ${measure} ->> 'measure' = 'revocation_application'
      AND ${systemScope('insight snapshot: revocations are counted, no child is named')}
    GROUP BY 1`.execute(db);
  return rows;
}

export interface ClosureTimes {
  /** YYYY-MM in China time. */
  month: string;
  /** The division at the level asked (its code padded to 12 digits), or null for the month's total. */
  divisionCode: string | null;
  closed: number;
  /** Whole days from report to closure summed (the snapshots' mean). */
  totalDays: number;
  medianDays: number;
  p90Days: number;
}

/**
 * Cases of the subtree of `prefix` first closed in [from, to), per month (China time) and per
 * division cut to `digits` leading digits: how many, and the median and 90th percentile of the
 * days from the case's first report's `reported_at` (the case's opening when it came from no
 * report) to that closure. Bounded by the closures' times (`case_actions_closed_at_idx`), one index
 * probe per closure for its first; a case closed before `from` and again inside the window is not
 * counted (its first closure is earlier).
 */
export async function closureTimesBetween(
  db: Kysely<Database> | Transaction<Database>,
  prefix: string,
  digits: number,
  from: Date,
  to: Date,
): Promise<ClosureTimes[]> {
  const { rows } = await sql<ClosureTimes>`
    WITH closed AS (
      SELECT a.case_id, min(a.occurred_at) AS closed_at FROM case_actions a
      WHERE a.status_after = 'closed' AND a.occurred_at >= ${from} AND a.occurred_at < ${to}
      GROUP BY a.case_id
    ),
    timed AS (
      SELECT to_char(cl.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
        rpad(left(c.division_code, ${digits}), 12, '0') AS place,
        extract(epoch FROM cl.closed_at - coalesce(
          (SELECT min(r.reported_at) FROM reports r WHERE r.case_id = c.id), c.opened_at)) / 86400 AS days
      -- A primary-key probe per closure, the place checked before the first-closure probe. As a plain
      -- join the planner misjudged the first-closure filter and compared every case of a county with
      -- every closure of the month (8M pairs, ~1 s at 1M); LIMIT 1 keeps the probe a probe.
      FROM closed cl CROSS JOIN LATERAL (
        SELECT c.id, c.division_code, c.opened_at FROM cases c
        WHERE c.id = cl.case_id AND c.division_code LIKE ${`${prefix}%`}
          AND ${systemScope('insight flow table: closure times are counted per place, no child is named')}
          -- A probe per case (case_actions_status_idx), not a pass over every earlier closure.
          AND (SELECT min(e.occurred_at) FROM case_actions e WHERE e.status_after = 'closed' AND e.case_id = c.id)
            = cl.closed_at
        LIMIT 1
      ) c
    )
    SELECT month, CASE WHEN grouping(place) = 0 THEN place END AS "divisionCode", count(*)::int AS closed,
      round(sum(greatest(days, 0)))::int AS "totalDays",
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(days, 0))::numeric, 1)::float8 AS "medianDays",
      round(percentile_cont(0.9) WITHIN GROUP (ORDER BY greatest(days, 0))::numeric, 1)::float8 AS "p90Days"
    FROM timed GROUP BY GROUPING SETS ((month), (month, place))`.execute(db);
  return rows;
}
