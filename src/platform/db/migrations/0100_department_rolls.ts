import { type Kysely, sql } from 'kysely';

/**
 * Issue 18, data from other departments: a roll (public security, justice, health, education, the
 * disabled persons' federation) is uploaded once per organisation and file; each row is kept with
 * its outcome (matched, unmatched, invalid) and every match becomes a proposed fact change on the
 * child's file that a person accepts or rejects. Nothing here changes a child's facts by itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE department_rolls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      department text NOT NULL,
      kind text NOT NULL,
      as_of date NOT NULL,
      file_name text NOT NULL,
      file_sha256 text NOT NULL,
      columns jsonb NOT NULL DEFAULT '{}',
      rows_total integer NOT NULL,
      matched integer NOT NULL,
      unmatched integer NOT NULL,
      invalid integer NOT NULL,
      proposals integer NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organisation_id, department, kind, as_of, file_sha256)
    )`.execute(db);
  await sql`CREATE INDEX department_rolls_org_idx ON department_rolls (organisation_id, created_at DESC)`.execute(db);
  await sql`
    CREATE TABLE department_roll_rows (
      roll_id uuid NOT NULL REFERENCES department_rolls(id),
      row_number integer NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('matched', 'unmatched', 'invalid')),
      id_number_masked text,
      name text,
      problems jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (roll_id, row_number)
    )`.execute(db);
  await sql`
    CREATE TABLE fact_proposals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      roll_id uuid NOT NULL REFERENCES department_rolls(id),
      row_number integer NOT NULL,
      fact jsonb NOT NULL,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
      version integer NOT NULL DEFAULT 1,
      decided_by uuid REFERENCES users(id),
      decided_by_label text,
      decided_at timestamptz,
      decision_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (roll_id, row_number, child_id)
    )`.execute(db);
  await sql`CREATE INDEX fact_proposals_child_idx ON fact_proposals (child_id, status)`.execute(db);
  for (const code of ['civil_affairs_officer', 'township_supervisor'])
    for (const permission of ['rolls.upload', 'rolls.review'])
      await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE code = ${code} AND builtin AND NOT (${permission} = ANY (permissions))`.execute(
        db,
      );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const permission of ['rolls.upload', 'rolls.review'])
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP TABLE fact_proposals`.execute(db);
  await sql`DROP TABLE department_roll_rows`.execute(db);
  await sql`DROP TABLE department_rolls`.execute(db);
}
