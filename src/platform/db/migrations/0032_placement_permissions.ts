import { type Kysely, sql } from 'kysely';

/**
 * Issue 16: built-in roles are rows. Those who move children (civil affairs, township supervisors,
 * police bringing a child in, institution staff) gain `placements.act`; civil affairs officers,
 * who approve a longer rescue-station stay, gain `placements.approve`.
 */
const grants: [string, string[]][] = [
  ['placements.act', ['civil_affairs_officer', 'township_supervisor', 'police_officer', 'institution_staff']],
  ['placements.approve', ['civil_affairs_officer']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [permission, roles] of grants)
    await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE builtin AND code IN (${sql.join(roles)}) AND NOT (${permission} = ANY (permissions))`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [permission] of grants)
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
}
