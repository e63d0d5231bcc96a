import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: clocks for every child-centred workflow (referrals, placements, visits, applications,
 * recommendations, action items), and pause/resume that gives back the remaining working days,
 * which needs to know which clocks count working days. The three rules that did so until now are
 * marked; every other existing clock counted minutes, hours or days on the clock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check`.execute(db);
  await sql`ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check CHECK (subject_type IN ('report_recipient', 'case', 'referral', 'placement', 'visit', 'application', 'recommendation', 'action_item'))`.execute(
    db,
  );
  await sql`ALTER TABLE clocks ADD COLUMN counts_working_days boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE clocks SET counts_working_days = true WHERE rule IN ('case.assessment', 'case.plan', 'case.closure_approval')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clocks DROP COLUMN counts_working_days`.execute(db);
  await sql`ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check`.execute(db);
  await sql`ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check CHECK (subject_type IN ('report_recipient', 'case'))`.execute(
    db,
  );
}
