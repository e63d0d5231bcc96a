import { type RawBuilder, sql } from 'kysely';

/**
 * The nearest active public body of a residence: its village committee, else its township
 * government, else its county (or city) civil affairs bureau — who holds a child's clocks while no
 * director is responsible. One SQL expression, so the sweeps that start clocks for many children at
 * once (visits, assessments) and the reassignment of a removed director agree on the owner.
 */
export function nearestPlaceBody(residenceCodeColumn: string): RawBuilder<string | null> {
  const residence = sql.ref(residenceCodeColumn);
  // Three probes of organisations_active_kind_division_idx, one per kind: as one OR over the kinds
  // the planner scans every organisation once per child (0.5 ms a child at 130 organisations).
  return sql<string | null>`(SELECT o.id FROM (
      SELECT o.id, o.division_code, o.created_at FROM organisations o
        WHERE o.active AND o.kind = 'village_committee' AND o.division_code = ${residence}
      UNION ALL
      SELECT o.id, o.division_code, o.created_at FROM organisations o
        WHERE o.active AND o.kind = 'township_government' AND o.division_code = rpad(substr(${residence}, 1, 9), 12, '0')
      UNION ALL
      SELECT o.id, o.division_code, o.created_at FROM organisations o
        WHERE o.active AND o.kind = 'civil_affairs_bureau'
          AND o.division_code IN (rpad(substr(${residence}, 1, 6), 12, '0'), rpad(substr(${residence}, 1, 4), 12, '0'))
    ) o
    ORDER BY length(rtrim(o.division_code, '0')) DESC, o.created_at LIMIT 1)`;
}
