import { type Kysely, sql } from 'kysely';

/**
 * Issue 12 (items 6 and 10). Separation of duties for roles that read children's files: such a
 * grant is a request another person approves (`role_grant_requests`), and the civil affairs
 * officer gains `roles.approve`. API tokens remember the token they were minted from (they die
 * with it) and whether they may mint tokens themselves (off unless a signed-in person said so).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE role_grant_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      role_code text NOT NULL REFERENCES roles(code),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
      requested_by uuid REFERENCES users(id),
      requested_by_label text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users(id),
      decided_by_label text,
      decided_at timestamptz,
      CHECK ((status = 'pending') = (decided_at IS NULL))
    )`.execute(db);
  // One open request per user and role: a repeated or retried grant finds the first.
  await sql`CREATE UNIQUE INDEX role_grant_requests_pending_idx ON role_grant_requests (user_id, role_code) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`CREATE INDEX role_grant_requests_open_idx ON role_grant_requests (requested_at) WHERE status = 'pending'`.execute(
    db,
  );

  await sql`UPDATE roles SET permissions = array_append(permissions, 'roles.approve') WHERE code = 'civil_affairs_officer' AND builtin AND NOT ('roles.approve' = ANY (permissions))`.execute(
    db,
  );

  await sql`ALTER TABLE api_tokens ADD COLUMN parent_token_id uuid REFERENCES api_tokens(id), ADD COLUMN can_mint boolean NOT NULL DEFAULT false`.execute(
    db,
  );
  await sql`CREATE INDEX api_tokens_parent_idx ON api_tokens (parent_token_id) WHERE parent_token_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX api_tokens_created_by_idx ON api_tokens (created_by) WHERE created_by IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX api_tokens_created_by_idx, api_tokens_parent_idx`.execute(db);
  await sql`ALTER TABLE api_tokens DROP COLUMN can_mint, DROP COLUMN parent_token_id`.execute(db);
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'roles.approve') WHERE code = 'civil_affairs_officer' AND builtin`.execute(
    db,
  );
  await sql`DROP TABLE role_grant_requests`.execute(db);
}
