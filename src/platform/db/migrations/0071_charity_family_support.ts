import { type Kysely, sql } from 'kysely';

/**
 * Issue 19, second half: charity, volunteers and family support. A need (from a child's plan or a
 * visit) is a workflow subject with an append-only log; a donation is matched to at most one need
 * (unique), the hand-over gets a receipt number; a volunteer's safeguarding check expires a year
 * after it passed (a clock); a family-education guidance order (家庭教育指导令) has its sessions,
 * each with a due day and a clock. Amounts in fen (bigint). Coordinators gain `charity.manage`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE charity_needs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      source text NOT NULL CHECK (source IN ('plan', 'visit')),
      kind text NOT NULL,
      description text NOT NULL,
      amount_fen bigint CHECK (amount_fen >= 0),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      raised_by_org_id uuid REFERENCES organisations(id),
      volunteer_id uuid,
      receipt_number text UNIQUE,
      handed_on date,
      received_by text,
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX charity_needs_division_idx ON charity_needs (division_code)`.execute(db);
  await sql`CREATE INDEX charity_needs_child_idx ON charity_needs (child_id)`.execute(db);
  await sql`
    CREATE TABLE charity_need_actions (
      id bigserial PRIMARY KEY,
      need_id uuid NOT NULL REFERENCES charity_needs(id),
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
      UNIQUE (need_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION charity_need_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'charity_need_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER charity_need_actions_append_only BEFORE UPDATE OR DELETE ON charity_need_actions
    FOR EACH ROW EXECUTE FUNCTION charity_need_actions_append_only()`.execute(db);
  await sql`CREATE SEQUENCE charity_receipt_seq`.execute(db);
  await sql`
    CREATE TABLE donations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      charity_org_id uuid NOT NULL REFERENCES organisations(id),
      donor_kind text NOT NULL CHECK (donor_kind IN ('company', 'person', 'anonymous')),
      donor_name text,
      form text NOT NULL CHECK (form IN ('cash', 'in_kind')),
      amount_fen bigint CHECK (amount_fen >= 0),
      goods text,
      received_on date NOT NULL,
      need_id uuid UNIQUE REFERENCES charity_needs(id),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (form <> 'cash' OR amount_fen IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX donations_charity_idx ON donations (charity_org_id, received_on)`.execute(db);
  await sql`
    CREATE TABLE volunteers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      name text NOT NULL,
      skills text[] NOT NULL DEFAULT '{}',
      availability text,
      hours integer NOT NULL DEFAULT 0 CHECK (hours >= 0),
      check_passed_on date,
      check_expires_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((check_passed_on IS NULL) = (check_expires_on IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX volunteers_org_idx ON volunteers (organisation_id)`.execute(db);
  await sql`ALTER TABLE charity_needs ADD FOREIGN KEY (volunteer_id) REFERENCES volunteers(id)`.execute(db);
  await sql`
    CREATE TABLE guidance_orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      issued_by text NOT NULL,
      issued_on date NOT NULL,
      guardian text NOT NULL,
      provider_org_id uuid REFERENCES organisations(id),
      owner_org_id uuid NOT NULL REFERENCES organisations(id),
      division_code text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX guidance_orders_child_idx ON guidance_orders (child_id)`.execute(db);
  await sql`
    CREATE TABLE guidance_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES guidance_orders(id),
      number integer NOT NULL CHECK (number >= 1),
      due_on date NOT NULL,
      held_on date,
      attended boolean,
      note text,
      recorded_by uuid REFERENCES users(id),
      UNIQUE (order_id, number),
      CHECK ((held_on IS NULL) = (attended IS NULL))
    )`.execute(db);
  // Widen the clocks' subject check by what it allows now (other migrations may have widened it too).
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || regexp_replace(def, '\\]\\)+$', '')
        || ', ''volunteer''::text, ''guidance_session''::text])))';
    END $$`.execute(db);
  await sql`UPDATE roles SET permissions = array_append(permissions, 'charity.manage')
    WHERE builtin AND code = 'charity_coordinator' AND NOT ('charity.manage' = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'charity.manage') WHERE builtin`.execute(db);
  await sql`DELETE FROM clocks WHERE subject_type IN ('volunteer', 'guidance_session')`.execute(db);
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || replace(def, ', ''volunteer''::text, ''guidance_session''::text', '');
    END $$`.execute(db);
  for (const table of [
    'guidance_sessions',
    'guidance_orders',
    'donations',
    'charity_need_actions',
    'charity_needs',
    'volunteers',
  ])
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  await sql`DROP SEQUENCE charity_receipt_seq`.execute(db);
  await sql`DROP FUNCTION charity_need_actions_append_only()`.execute(db);
}
