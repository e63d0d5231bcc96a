import { type Kysely, sql } from 'kysely';

/** Built-in roles are rows: the system administrator gains the new `rules.manage` permission. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_append(permissions, 'rules.manage') WHERE code = 'system_admin' AND builtin AND NOT ('rules.manage' = ANY (permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'rules.manage') WHERE code = 'system_admin' AND builtin`.execute(
    db,
  );
}
