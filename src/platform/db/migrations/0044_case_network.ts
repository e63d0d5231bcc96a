import { type Kysely, sql } from 'kysely';

/**
 * Issue 15, services in the plan and the transfer of a case's lead. A planned service and a lead
 * transfer are each a subject with an append-only log (the workflow engine folds their status):
 * `case_services` (the service from the catalogue, its provider, its due date from the response
 * time, the referral that delivers it when it is not the lead's own) and `case_lead_transfers`
 * (from one lead organisation to another; at most one waiting per case).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_services (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      child_id uuid NOT NULL REFERENCES children(id),
      service text NOT NULL,
      provider_org_id uuid NOT NULL REFERENCES organisations(id),
      response_days integer NOT NULL CHECK (response_days BETWEEN 0 AND 365),
      due_on date NOT NULL,
      note text,
      referral_id uuid,
      division_code text NOT NULL,
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX case_services_case_idx ON case_services (case_id, created_at)`.execute(db);
  await sql`CREATE INDEX case_services_provider_idx ON case_services (provider_org_id, due_on)`.execute(db);
  await sql`CREATE INDEX case_services_referral_idx ON case_services (referral_id) WHERE referral_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE case_lead_transfers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      child_id uuid NOT NULL REFERENCES children(id),
      from_org_id uuid NOT NULL REFERENCES organisations(id),
      to_org_id uuid NOT NULL REFERENCES organisations(id),
      reason text NOT NULL,
      division_code text NOT NULL,
      seq integer NOT NULL DEFAULT 0,
      waiting boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (from_org_id <> to_org_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX case_lead_transfers_one_waiting ON case_lead_transfers (case_id) WHERE waiting`.execute(
    db,
  );
  await sql`CREATE INDEX case_lead_transfers_to_idx ON case_lead_transfers (to_org_id, created_at DESC)`.execute(db);
  for (const [log, subject, key] of [
    ['case_service_actions', 'case_services', 'case_service_id'],
    ['case_lead_transfer_actions', 'case_lead_transfers', 'case_lead_transfer_id'],
  ] as const) {
    await sql`
      CREATE TABLE ${sql.table(log)} (
        id bigserial PRIMARY KEY,
        ${sql.ref(key)} uuid NOT NULL REFERENCES ${sql.table(subject)}(id),
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
        UNIQUE (${sql.ref(key)}, seq)
      )`.execute(db);
    await sql`
      CREATE FUNCTION ${sql.raw(`${log}_append_only`)}() RETURNS trigger LANGUAGE plpgsql AS ${sql.raw(
        `$$ BEGIN RAISE EXCEPTION '${log} is append-only'; END $$`,
      )}`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.raw(`${log}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(log)}
      FOR EACH ROW EXECUTE FUNCTION ${sql.raw(`${log}_append_only`)}()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE case_service_actions, case_lead_transfer_actions, case_services, case_lead_transfers`.execute(
    db,
  );
  await sql`DROP FUNCTION case_service_actions_append_only(), case_lead_transfer_actions_append_only()`.execute(db);
}
