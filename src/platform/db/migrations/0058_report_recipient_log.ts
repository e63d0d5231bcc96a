import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: a receiver's copy of a report runs on the workflow engine. `report_recipients` gains a
 * version (`seq`) and an append-only log, `report_recipient_actions`, like `case_actions`; the
 * status is folded from it (`received`, the recipient row itself, then `acknowledged`). Every copy
 * acknowledged before this migration gets its `acknowledge` entry, at the time and by the person
 * recorded on the row, and whether it was late by its acknowledgement clock. `acknowledged_at` and
 * `acknowledged_by` stay: the inbox, the lists and compliance read them, and the action writes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE report_recipients ADD COLUMN seq integer NOT NULL DEFAULT 0`.execute(db);
  await sql`
    CREATE TABLE report_recipient_actions (
      id bigserial PRIMARY KEY,
      recipient_id uuid NOT NULL REFERENCES report_recipients(id),
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
      UNIQUE (recipient_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION report_recipient_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'report_recipient_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER report_recipient_actions_append_only BEFORE UPDATE OR DELETE ON report_recipient_actions
    FOR EACH ROW EXECUTE FUNCTION report_recipient_actions_append_only()`.execute(db);
  await sql`
    INSERT INTO report_recipient_actions (recipient_id, seq, type, status_after, payload, actor_user_id,
      accountable_user_id, actor_org_id, actor_label, occurred_at)
    SELECT rr.id, 1, 'acknowledge', 'acknowledged',
      jsonb_build_object('late', coalesce(rr.acknowledged_at > (
        SELECT min(c.due_at) FROM clocks c WHERE c.subject_id = rr.id AND c.rule = 'report.acknowledge'), false)),
      rr.acknowledged_by, rr.acknowledged_by, rr.organisation_id,
      coalesce(u.display_name || ' (' || o.name || ')', 'system:migration'), rr.acknowledged_at
    FROM report_recipients rr
    JOIN organisations o ON o.id = rr.organisation_id
    LEFT JOIN users u ON u.id = rr.acknowledged_by
    WHERE rr.acknowledged_at IS NOT NULL`.execute(db);
  await sql`UPDATE report_recipients SET seq = 1 WHERE acknowledged_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE report_recipient_actions`.execute(db);
  await sql`DROP FUNCTION report_recipient_actions_append_only()`.execute(db);
  await sql`ALTER TABLE report_recipients DROP COLUMN seq`.execute(db);
}
