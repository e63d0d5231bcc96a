import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s: the insight snapshot's running month is recomputed only for the divisions
 * whose rows changed since its last run. Writers mark the division a count is keyed by (the old and
 * the new one when it moves) with statement-level triggers, one INSERT … SELECT per statement, as
 * 0180's schedule marks; the sweep deletes the marks it consumed. A mark carries the wall-clock time
 * it was written: a sweep as of an earlier moment (a round's start, a replay) keeps the later marks
 * for the run that reaches them. What changes with time alone is found by windows: clocks by
 * `due_at`, categories by their start and end dates, final-level alerts by the trigger on `alerts`.
 * `insight_snapshot_months.marked` says the marks since the month's `as_of` are complete (written by
 * a run of this code); until one full run sets it, every run is a full one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only, no key: a writer never waits for another writer or for the sweep.
  await sql`CREATE TABLE insight_snapshot_marks (
    division_code text NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`.execute(db);
  await sql`ALTER TABLE insight_snapshot_months ADD COLUMN marked boolean NOT NULL DEFAULT false`.execute(db);
  // The clock counts of the marked divisions, and the clocks whose due time a day's run crossed.
  await sql`CREATE INDEX clocks_division_idx ON clocks (division_code)`.execute(db);
  await sql`CREATE INDEX clocks_due_at_idx ON clocks (due_at)`.execute(db);
  await sql`CREATE INDEX child_categories_counted_start_idx ON child_categories (start_date)
    WHERE state IN ('confirmed', 'ended') AND start_date IS NOT NULL`.execute(db);
  await sql`CREATE INDEX child_categories_counted_end_idx ON child_categories (end_date)
    WHERE state IN ('confirmed', 'ended') AND end_date IS NOT NULL`.execute(db);

  const both = (
    columns: string,
    key = 'id',
  ) => `SELECT DISTINCT x.code FROM new_rows n JOIN old_rows o ON o.${key} = n.${key}
        CROSS JOIN LATERAL (VALUES (n.division_code), (o.division_code)) AS x(code)
        WHERE (${columns.replaceAll('$', 'n.')}) IS DISTINCT FROM (${columns.replaceAll('$', 'o.')})`;
  const marks: { name: string; body: string }[] = [
    { name: 'snapshot_marks_new_division', body: 'SELECT DISTINCT division_code FROM new_rows' },
    { name: 'snapshot_marks_old_division', body: 'SELECT DISTINCT division_code FROM old_rows' },
    // Only what a clock count reads: not the escalation level or time the escalation sweep moves.
    {
      name: 'snapshot_marks_clocks_updated',
      body: both('$division_code, $rule, $state, $started_at, $due_at, $stopped_at, $paused_at'),
    },
    {
      name: 'snapshot_marks_children_updated',
      body: `SELECT DISTINCT x.code FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.residence_code), (o.residence_code)) AS x(code)
        WHERE (n.residence_code, n.created_at) IS DISTINCT FROM (o.residence_code, o.created_at)`,
    },
    { name: 'snapshot_marks_children_deleted', body: 'SELECT DISTINCT residence_code FROM old_rows' },
    // A category counts at its child's residence; the child of a category row never changes.
    {
      name: 'snapshot_marks_new_categories',
      body: 'SELECT DISTINCT c.residence_code FROM new_rows r JOIN children c ON c.id = r.child_id',
    },
    {
      name: 'snapshot_marks_old_categories',
      body: 'SELECT DISTINCT c.residence_code FROM old_rows r JOIN children c ON c.id = r.child_id',
    },
    { name: 'snapshot_marks_reports_updated', body: both('$division_code, $reported_at') },
    { name: 'snapshot_marks_cases_updated', body: both('$division_code, $opened_at') },
    // Case counts read only closures among the actions: any other action marks nothing.
    {
      name: 'snapshot_marks_new_closures',
      body: `SELECT DISTINCT c.division_code FROM new_rows a JOIN cases c ON c.id = a.case_id WHERE a.status_after = 'closed'`,
    },
    {
      name: 'snapshot_marks_old_closures',
      body: `SELECT DISTINCT c.division_code FROM old_rows a JOIN cases c ON c.id = a.case_id WHERE a.status_after = 'closed'`,
    },
    {
      name: 'snapshot_marks_closures_updated',
      body: `SELECT DISTINCT c.division_code FROM (SELECT case_id, status_after FROM new_rows
        UNION ALL SELECT case_id, status_after FROM old_rows) a JOIN cases c ON c.id = a.case_id WHERE a.status_after = 'closed'`,
    },
    // An alert at a clock's last level: its conference-level crossing (the escalation sweep runs first).
    {
      name: 'snapshot_marks_final_alerts',
      body: `SELECT DISTINCT a.division_code FROM new_rows a JOIN clocks c ON c.id = a.clock_id
        WHERE a.level = cardinality(c.escalation_hours)`,
    },
  ];
  for (const mark of marks) {
    await sql
      .raw(`CREATE FUNCTION ${mark.name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO insight_snapshot_marks (division_code)
      SELECT code FROM (${mark.body}) AS marked(code) WHERE code IS NOT NULL;
      RETURN NULL;
    END $$`)
      .execute(db);
  }

  for (const [table, event, fn] of snapshotTriggers) {
    const transition =
      event === 'INSERT'
        ? 'NEW TABLE AS new_rows'
        : event === 'DELETE'
          ? 'OLD TABLE AS old_rows'
          : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
    await sql
      .raw(
        `CREATE TRIGGER ${table}_snapshot_marks_${event.toLowerCase()} AFTER ${event} ON ${table}
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
}

const snapshotTriggers: [string, 'INSERT' | 'UPDATE' | 'DELETE', string][] = [
  ['clocks', 'INSERT', 'snapshot_marks_new_division'],
  ['clocks', 'UPDATE', 'snapshot_marks_clocks_updated'],
  ['clocks', 'DELETE', 'snapshot_marks_old_division'],
  ['children', 'UPDATE', 'snapshot_marks_children_updated'],
  ['children', 'DELETE', 'snapshot_marks_children_deleted'],
  ['child_categories', 'INSERT', 'snapshot_marks_new_categories'],
  ['child_categories', 'UPDATE', 'snapshot_marks_new_categories'],
  ['child_categories', 'DELETE', 'snapshot_marks_old_categories'],
  ['reports', 'INSERT', 'snapshot_marks_new_division'],
  ['reports', 'UPDATE', 'snapshot_marks_reports_updated'],
  ['reports', 'DELETE', 'snapshot_marks_old_division'],
  ['cases', 'INSERT', 'snapshot_marks_new_division'],
  ['cases', 'UPDATE', 'snapshot_marks_cases_updated'],
  ['cases', 'DELETE', 'snapshot_marks_old_division'],
  ['case_actions', 'INSERT', 'snapshot_marks_new_closures'],
  ['case_actions', 'UPDATE', 'snapshot_marks_closures_updated'],
  ['case_actions', 'DELETE', 'snapshot_marks_old_closures'],
  ['alerts', 'INSERT', 'snapshot_marks_final_alerts'],
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, event] of snapshotTriggers)
    await sql.raw(`DROP TRIGGER ${table}_snapshot_marks_${event.toLowerCase()} ON ${table}`).execute(db);
  for (const fn of new Set(snapshotTriggers.map(([, , fn]) => fn))) await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
  await sql`DROP INDEX child_categories_counted_end_idx`.execute(db);
  await sql`DROP INDEX child_categories_counted_start_idx`.execute(db);
  await sql`DROP INDEX clocks_due_at_idx`.execute(db);
  await sql`DROP INDEX clocks_division_idx`.execute(db);
  await sql`ALTER TABLE insight_snapshot_months DROP COLUMN marked`.execute(db);
  await sql`DROP TABLE insight_snapshot_marks`.execute(db);
}
