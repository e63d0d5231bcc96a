import { type Kysely, sql } from 'kysely';

/**
 * Issue 16 "Documents": built-in roles are rows. Those who work a child's file (civil affairs,
 * supervisors, directors, institution staff, police, prosecutors, social workers) gain
 * `documents.upload` (upload and withdraw); only system administrators gain `documents.purge`.
 */
const grants: [string, string[]][] = [
  [
    'documents.upload',
    [
      'civil_affairs_officer',
      'township_supervisor',
      'village_director',
      'institution_staff',
      'police_officer',
      'prosecutor',
      'social_worker',
    ],
  ],
  ['documents.purge', ['system_admin']],
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
