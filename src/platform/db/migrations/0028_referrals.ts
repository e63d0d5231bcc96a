import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: referrals between organisations. A referral is a subject with an append-only log (the
 * workflow engine folds its status from it); the receiver's access is a participation on basis
 * `referral`. Participation becomes race-free: at most one active grant per child, organisation
 * and basis (duplicates two concurrent grants may have left are ended first, the oldest kept).
 * The built-in roles that work children's files gain the referral permissions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      from_org_id uuid NOT NULL REFERENCES organisations(id),
      to_org_id uuid NOT NULL REFERENCES organisations(id),
      service text NOT NULL,
      shares text[] NOT NULL,
      document_ids uuid[] NOT NULL DEFAULT '{}',
      reason text NOT NULL,
      due_on date,
      consent jsonb NOT NULL,
      division_code text NOT NULL,
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (from_org_id <> to_org_id),
      CHECK ('identity' = ANY (shares))
    )`.execute(db);
  await sql`CREATE INDEX referrals_to_idx ON referrals (to_org_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX referrals_from_idx ON referrals (from_org_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX referrals_child_idx ON referrals (child_id)`.execute(db);
  await sql`
    CREATE TABLE referral_actions (
      id bigserial PRIMARY KEY,
      referral_id uuid NOT NULL REFERENCES referrals(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      accountable_user_id uuid REFERENCES users(id),
      actor_org_id uuid REFERENCES organisations(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (referral_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX referral_actions_status_idx ON referral_actions (status_after, referral_id)`.execute(db);
  await sql`
    CREATE FUNCTION referral_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'referral_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER referral_actions_append_only BEFORE UPDATE OR DELETE ON referral_actions
    FOR EACH ROW EXECUTE FUNCTION referral_actions_append_only()`.execute(db);

  await sql`
    UPDATE child_participations p SET ended_at = now()
    WHERE p.ended_at IS NULL AND EXISTS (
      SELECT 1 FROM child_participations q
      WHERE q.ended_at IS NULL AND q.child_id = p.child_id AND q.organisation_id = p.organisation_id
        AND q.basis = p.basis AND q.basis_id IS NOT DISTINCT FROM p.basis_id
        AND (q.started_at, q.id) < (p.started_at, p.id))`.execute(db);
  await sql`
    CREATE UNIQUE INDEX child_participations_one_active ON child_participations (child_id, organisation_id, basis, basis_id)
    NULLS NOT DISTINCT WHERE ended_at IS NULL`.execute(db);

  for (const [role, permissions] of [
    ['civil_affairs_officer', ['referrals.read', 'referrals.act']],
    ['township_supervisor', ['referrals.read', 'referrals.act']],
    ['village_director', ['referrals.read', 'referrals.act']],
    ['institution_staff', ['referrals.read', 'referrals.act']],
    ['police_officer', ['referrals.read', 'referrals.act']],
    ['prosecutor', ['referrals.read', 'referrals.act']],
    ['social_worker', ['referrals.read', 'referrals.act']],
    ['charity_coordinator', ['referrals.read', 'referrals.act']],
  ] as const)
    for (const permission of permissions)
      await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE code = ${role} AND builtin AND NOT (${permission} = ANY (permissions))`.execute(
        db,
      );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const permission of ['referrals.read', 'referrals.act'])
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP INDEX child_participations_one_active`.execute(db);
  await sql`DROP TABLE referral_actions, referrals`.execute(db);
  await sql`DROP FUNCTION referral_actions_append_only()`.execute(db);
}
