import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: report routing reads the responsibility matrix. A report whose situations imply a
 * catalogue service (rule section `reports.matrixServices`) also goes to the organisations that
 * lead that service in the place's county: a receiver copy with role `provider` naming the service.
 * A service nobody leads there is a gap, kept on the report (`matrix_gaps`) so every reader sees it.
 * Institution staff (rescue stations, protection centres, welfare homes — the usual leads) work
 * the reports their institution receives.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE report_recipients DROP CONSTRAINT IF EXISTS report_recipients_role_check`.execute(db);
  await sql`ALTER TABLE report_recipients ADD CONSTRAINT report_recipients_role_check
    CHECK (role IN ('police', 'civil_affairs', 'education', 'township', 'village', 'provider'))`.execute(db);
  await sql`ALTER TABLE report_recipients ADD COLUMN service text`.execute(db);
  await sql`ALTER TABLE report_recipients ADD CONSTRAINT report_recipients_provider_service
    CHECK ((role = 'provider') = (service IS NOT NULL))`.execute(db);
  await sql`ALTER TABLE reports ADD COLUMN matrix_gaps text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`UPDATE roles SET permissions = array_append(permissions, 'reports.receive')
    WHERE builtin AND code = 'institution_staff' AND NOT ('reports.receive' = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'reports.receive')
    WHERE builtin AND code = 'institution_staff'`.execute(db);
  await sql`ALTER TABLE reports DROP COLUMN matrix_gaps`.execute(db);
  await sql`DELETE FROM report_recipient_actions WHERE recipient_id IN (SELECT id FROM report_recipients WHERE role = 'provider')`.execute(
    db,
  );
  await sql`DELETE FROM report_recipients WHERE role = 'provider'`.execute(db);
  await sql`ALTER TABLE report_recipients DROP CONSTRAINT report_recipients_provider_service`.execute(db);
  await sql`ALTER TABLE report_recipients DROP COLUMN service`.execute(db);
  await sql`ALTER TABLE report_recipients DROP CONSTRAINT report_recipients_role_check`.execute(db);
  await sql`ALTER TABLE report_recipients ADD CONSTRAINT report_recipients_role_check
    CHECK (role IN ('police', 'civil_affairs', 'education', 'township', 'village'))`.execute(db);
}
