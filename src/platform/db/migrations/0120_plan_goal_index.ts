import { type Kysely, sql } from 'kysely';

/**
 * Issue 15, overdue plan goals in "my work": an organisation's goals are found among the case plans
 * (`assistance_plan` actions) that name it as responsible — `payload @> {"goals":[{"responsibleOrgId":…}]}`
 * — through a GIN index over those actions' payloads only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX case_actions_plan_payload_idx ON case_actions USING gin (payload jsonb_path_ops)
    WHERE type = 'assistance_plan'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX case_actions_plan_payload_idx`.execute(db);
}
