import { type Kysely, sql } from 'kysely';

/**
 * Issue 14: the hotline console and its look-up of earlier calls by the caller's number belong to
 * the people who take calls, named by a permission of their own (before, the web guessed the console
 * from the shape of the other permissions, and anyone who could submit a report could ask the
 * look-up). Built-in hotline operators gain it; a custom role gains it when an administrator says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_append(permissions, 'reports.hotline')
    WHERE builtin AND code = 'hotline_operator' AND NOT ('reports.hotline' = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'reports.hotline') WHERE builtin`.execute(db);
}
