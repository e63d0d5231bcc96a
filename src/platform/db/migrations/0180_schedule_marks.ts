import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s at a million children: the visit and assessment schedule sweeps read only
 * the children whose facts changed since their last run. Writers mark the child (statement-level
 * triggers, one INSERT … SELECT per statement), each sweep deletes the marks it read, as the
 * registry counts do (0013). What changes with the calendar alone — a confirmed category's end
 * date passing — is found by a window over `child_categories_end_date_idx`; the risk clues of a
 * window (key-attention visits, reports about a child) by when they were recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only, no key: a writer never waits for another writer or for the sweep.
  await sql`CREATE TABLE visit_schedule_dirty (child_id uuid NOT NULL)`.execute(db);
  await sql`CREATE TABLE assessment_schedule_dirty (child_id uuid NOT NULL)`.execute(db);
  await sql`CREATE INDEX child_categories_end_date_idx ON child_categories (end_date) WHERE state = 'confirmed' AND end_date IS NOT NULL`.execute(
    db,
  );

  // The assessment sweep's risk clues of a window: key-attention visits and reports about a child, by when recorded.
  await sql`CREATE INDEX home_visits_key_attention_idx ON home_visits (created_at) WHERE key_attention`.execute(db);
  await sql`CREATE INDEX reports_child_reported_idx ON reports (reported_at) WHERE child_id IS NOT NULL`.execute(db);

  // One function per (set of mark tables, column naming the child, transition table).
  const marks = [
    // A new registration needs its first visit; its categories arrive in child_categories.
    { name: 'schedule_marks_children_inserted', tables: ['visit_schedule_dirty'], body: 'SELECT id FROM new_rows' },
    {
      name: 'schedule_marks_children_updated',
      tables: ['visit_schedule_dirty', 'assessment_schedule_dirty'],
      body: `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status, n.merged_into, n.risk_grade, n.residence_code, n.birth_date, n.created_at)
          IS DISTINCT FROM (o.status, o.merged_into, o.risk_grade, o.residence_code, o.birth_date, o.created_at)`,
    },
    {
      name: 'schedule_marks_new_both',
      tables: ['visit_schedule_dirty', 'assessment_schedule_dirty'],
      body: 'SELECT DISTINCT child_id FROM new_rows WHERE child_id IS NOT NULL',
    },
    {
      name: 'schedule_marks_old_both',
      tables: ['visit_schedule_dirty', 'assessment_schedule_dirty'],
      body: 'SELECT DISTINCT child_id FROM old_rows WHERE child_id IS NOT NULL',
    },
    {
      name: 'schedule_marks_new_visits',
      tables: ['visit_schedule_dirty'],
      body: 'SELECT DISTINCT child_id FROM new_rows',
    },
    {
      name: 'schedule_marks_old_visits',
      tables: ['visit_schedule_dirty'],
      body: 'SELECT DISTINCT child_id FROM old_rows',
    },
    {
      name: 'schedule_marks_new_assessments',
      tables: ['assessment_schedule_dirty'],
      body: 'SELECT DISTINCT child_id FROM new_rows',
    },
  ];
  for (const mark of marks) {
    const inserts = mark.tables.map((table) => `INSERT INTO ${table} (child_id) ${mark.body};`).join('\n      ');
    await sql
      .raw(`CREATE FUNCTION ${mark.name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${inserts}
      RETURN NULL;
    END $$`)
      .execute(db);
  }

  // Statement-level triggers: (table, event, function). Updates of child_categories and
  // child_assignments mark the new child only: the child of a row never changes.
  const triggers: [string, 'INSERT' | 'UPDATE' | 'DELETE', string][] = [
    ['children', 'INSERT', 'schedule_marks_children_inserted'],
    ['children', 'UPDATE', 'schedule_marks_children_updated'],
    ['child_categories', 'INSERT', 'schedule_marks_new_both'],
    ['child_categories', 'UPDATE', 'schedule_marks_new_both'],
    ['child_categories', 'DELETE', 'schedule_marks_old_both'],
    ['child_assignments', 'INSERT', 'schedule_marks_new_both'],
    ['child_assignments', 'UPDATE', 'schedule_marks_new_both'],
    ['home_visits', 'INSERT', 'schedule_marks_new_visits'],
    ['home_visits', 'UPDATE', 'schedule_marks_new_visits'],
    ['home_visits', 'DELETE', 'schedule_marks_old_visits'],
    ['guardianship_assessments', 'INSERT', 'schedule_marks_new_assessments'],
    ['guardianship_assessments', 'UPDATE', 'schedule_marks_new_assessments'],
  ];
  for (const [table, event, fn] of triggers) {
    const transition =
      event === 'INSERT'
        ? 'NEW TABLE AS new_rows'
        : event === 'DELETE'
          ? 'OLD TABLE AS old_rows'
          : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
    await sql
      .raw(
        `CREATE TRIGGER ${table}_schedule_marks_${event.toLowerCase()} AFTER ${event} ON ${table}
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, events] of [
    ['children', ['insert', 'update']],
    ['child_categories', ['insert', 'update', 'delete']],
    ['child_assignments', ['insert', 'update']],
    ['home_visits', ['insert', 'update', 'delete']],
    ['guardianship_assessments', ['insert', 'update']],
  ] as const) {
    for (const event of events) await sql.raw(`DROP TRIGGER ${table}_schedule_marks_${event} ON ${table}`).execute(db);
  }
  for (const fn of [
    'schedule_marks_children_inserted',
    'schedule_marks_children_updated',
    'schedule_marks_new_both',
    'schedule_marks_old_both',
    'schedule_marks_new_visits',
    'schedule_marks_old_visits',
    'schedule_marks_new_assessments',
  ])
    await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
  await sql`DROP INDEX reports_child_reported_idx`.execute(db);
  await sql`DROP INDEX home_visits_key_attention_idx`.execute(db);
  await sql`DROP INDEX child_categories_end_date_idx`.execute(db);
  await sql`DROP TABLE assessment_schedule_dirty`.execute(db);
  await sql`DROP TABLE visit_schedule_dirty`.execute(db);
}
