import { type Kysely, sql } from 'kysely';

/**
 * Issue 16, the way home: the rescue station's tracing register for children of unknown identity.
 * A request keeps what is known (what the child says, where and when found, a description) and the
 * provisional Haven code it was opened under; leads and traces are kept, ruled out or matched to a
 * family. At most one open request per child. Photos are documents owned by the request (entity
 * `tracing_request`), stored by the documents feature.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tracing_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      organisation_id uuid REFERENCES organisations(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'identified', 'closed')),
      outcome text CHECK (outcome IN ('escorted_home', 'transferred', 'withdrawn')),
      provisional_code text NOT NULL,
      found_at timestamptz NOT NULL,
      found_place text NOT NULL,
      known jsonb NOT NULL,
      description text NOT NULL,
      matched_lead_id uuid,
      version integer NOT NULL DEFAULT 1,
      opened_by uuid REFERENCES users(id),
      opened_by_label text NOT NULL,
      opened_at timestamptz NOT NULL,
      identified_at timestamptz,
      closed_at timestamptz,
      close_note text,
      CONSTRAINT tracing_closed_with_outcome CHECK ((status = 'closed') = (outcome IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX tracing_requests_one_open ON tracing_requests (child_id) WHERE status <> 'closed'`.execute(
    db,
  );
  await sql`CREATE INDEX tracing_requests_org_open ON tracing_requests (organisation_id, opened_at) WHERE status <> 'closed'`.execute(
    db,
  );
  await sql`
    CREATE TABLE tracing_leads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES tracing_requests(id),
      source text NOT NULL,
      summary text NOT NULL,
      family jsonb,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ruled_out', 'matched')),
      decision_note text,
      recorded_by uuid REFERENCES users(id),
      recorded_by_label text NOT NULL,
      recorded_at timestamptz NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_by_label text,
      decided_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX tracing_leads_request ON tracing_leads (request_id, recorded_at)`.execute(db);
  await sql`ALTER TABLE tracing_requests ADD CONSTRAINT tracing_requests_matched_lead FOREIGN KEY (matched_lead_id) REFERENCES tracing_leads(id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tracing_requests DROP CONSTRAINT tracing_requests_matched_lead`.execute(db);
  await sql`DROP TABLE tracing_leads, tracing_requests`.execute(db);
}
