import { type Kysely, sql } from 'kysely';

/**
 * Issue 6 at a million children: the escalation sweep finds a recipient by (kind, place) in one
 * index probe, and the registry's dashboard counts are precomputed per place and rolled up the
 * division tree, so a province officer's table reads a few thousand rows, not every child.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX organisations_active_kind_division_idx ON organisations (kind, division_code, created_at) WHERE active`.execute(
    db,
  );

  // Active children per division at every level: by risk grade ('unassessed' when none), and by
  // confirmed category (a child in two categories counts in both). Rows with n = 0 are absent.
  // division_code at the 'village' level is the residence code as recorded (a child recorded at a
  // township has the township's code there); higher levels sum the level below by code prefix.
  await sql`
    CREATE TABLE registry_counts (
      level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
      division_code text COLLATE "C" NOT NULL,
      dimension text NOT NULL CHECK (dimension IN ('category', 'risk')),
      value text NOT NULL,
      n integer NOT NULL CHECK (n > 0),
      -- The key of the row this one adds to, one level up (for a roll-up by equality, not by range).
      parent text COLLATE "C" GENERATED ALWAYS AS (CASE level
        WHEN 'village' THEN rpad(left(division_code, 9), 12, '0') WHEN 'township' THEN rpad(left(division_code, 6), 12, '0')
        WHEN 'county' THEN rpad(left(division_code, 4), 12, '0') WHEN 'city' THEN rpad(left(division_code, 2), 12, '0') END) STORED,
      -- n in the key's index too: a province's table is one index-only range scan.
      PRIMARY KEY (level, division_code, dimension, value) INCLUDE (n)
    )`.execute(db);
  await sql`CREATE INDEX registry_counts_parent_idx ON registry_counts (level, parent) INCLUDE (dimension, value, n)`.execute(
    db,
  );
  await sql`
    CREATE TABLE registry_counts_state (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      -- Every change committed before this moment is in the counts.
      counted_at timestamptz,
      -- The last recount from scratch; null asks the next sweep for one.
      full_counted_at timestamptz
    )`.execute(db);
  // Residence codes whose counts may have changed since the last sweep. Append-only, no key, so a
  // writer never waits for another writer (or for the sweep) on it; the sweep deletes what it read.
  await sql`CREATE TABLE registry_counts_dirty (code text NOT NULL)`.execute(db);

  // Statement-level triggers: one INSERT … SELECT DISTINCT per statement, however many rows (an
  // import writes 500 children per statement). They mark places; the sweep recounts them from the
  // registry itself, so a mark too many costs a little work and never a wrong count.
  await sql`
    CREATE FUNCTION registry_counts_children_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code) SELECT DISTINCT residence_code FROM new_rows WHERE status = 'active';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_children_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code) SELECT DISTINCT residence_code FROM old_rows WHERE status = 'active';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_children_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code)
      SELECT DISTINCT place.code
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (o.residence_code), (n.residence_code)) AS place(code)
      WHERE (n.residence_code, n.status, n.risk_grade) IS DISTINCT FROM (o.residence_code, o.status, o.risk_grade);
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_categories_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code)
      SELECT DISTINCT c.residence_code FROM children c WHERE c.id IN (SELECT child_id FROM new_rows WHERE state = 'confirmed');
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_categories_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code)
      SELECT DISTINCT c.residence_code FROM children c WHERE c.id IN (SELECT child_id FROM old_rows WHERE state = 'confirmed');
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_categories_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO registry_counts_dirty (code)
      SELECT DISTINCT c.residence_code FROM children c
      WHERE c.id IN (
        SELECT unnest(ARRAY[o.child_id, n.child_id])
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.state = 'confirmed' OR o.state = 'confirmed') AND (n.state, n.category, n.child_id) IS DISTINCT FROM (o.state, o.category, o.child_id));
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION registry_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE registry_counts_state SET full_counted_at = NULL;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ['children', 'child_categories'] as const) {
    const fn = table === 'children' ? 'children' : 'categories';
    await sql`CREATE TRIGGER ${sql.raw(`${table}_counts_inserted`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(`registry_counts_${fn}_inserted`)}()`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${sql.raw(`${table}_counts_deleted`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(`registry_counts_${fn}_deleted`)}()`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${sql.raw(`${table}_counts_updated`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(`registry_counts_${fn}_updated`)}()`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${sql.raw(`${table}_counts_truncated`)} AFTER TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION registry_counts_truncated()`.execute(
      db,
    );
  }

  await sql`INSERT INTO registry_counts_state (singleton) VALUES (true)`.execute(db);
  await countEverything(db);
}

/*
 * The first count, frozen here (issue 13) as the insight feature's recount of everything did it
 * into the empty table: the places from the registry, then each level from the one below.
 */
async function countEverything(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO registry_counts (level, division_code, dimension, value, n)
    SELECT 'village', code, dimension, value, n FROM (
      SELECT c.residence_code AS code, 'risk' AS dimension, COALESCE(c.risk_grade, 'unassessed') AS value, count(*)::int AS n
      FROM children c WHERE c.status = 'active' GROUP BY 1, 3
      UNION ALL
      SELECT c.residence_code, 'category', cc.category, count(*)::int
      FROM children c JOIN child_categories cc ON cc.child_id = c.id AND cc.state = 'confirmed'
      WHERE c.status = 'active' GROUP BY 1, 3
    ) AS counted`.execute(db);
  for (const [level, below] of [
    ['township', 'village'],
    ['county', 'township'],
    ['city', 'county'],
    ['province', 'city'],
  ] as const) {
    await sql`
      INSERT INTO registry_counts (level, division_code, dimension, value, n)
      SELECT ${level}, parent, dimension, value, sum(n)::int
      FROM registry_counts WHERE level = ${below}
      GROUP BY parent, dimension, value`.execute(db);
  }
  await sql`ANALYZE registry_counts`.execute(db);
  await sql`UPDATE registry_counts_state SET counted_at = now(), full_counted_at = now()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['children', 'child_categories']) {
    for (const event of ['inserted', 'deleted', 'updated', 'truncated'])
      await sql`DROP TRIGGER ${sql.raw(`${table}_counts_${event}`)} ON ${sql.table(table)}`.execute(db);
  }
  for (const fn of [
    'children_inserted',
    'children_deleted',
    'children_updated',
    'categories_inserted',
    'categories_deleted',
    'categories_updated',
    'truncated',
  ]) {
    await sql`DROP FUNCTION ${sql.raw(`registry_counts_${fn}`)}()`.execute(db);
  }
  await sql`DROP TABLE registry_counts_dirty, registry_counts_state, registry_counts`.execute(db);
  await sql`DROP INDEX organisations_active_kind_division_idx`.execute(db);
}
