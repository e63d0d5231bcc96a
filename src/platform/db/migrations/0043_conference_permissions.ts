import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: built-in roles are rows. Civil affairs officers (the lead agency convenes the joint
 * conference) gain `conference.manage`; the departments that sit on it — civil affairs, police,
 * the procuratorate, townships, institutions — gain `conference.act` (see their meetings, report
 * their own action items done).
 */
const grants: [string, string[]][] = [
  ['conference.manage', ['civil_affairs_officer']],
  [
    'conference.act',
    ['civil_affairs_officer', 'police_officer', 'prosecutor', 'township_supervisor', 'institution_staff'],
  ],
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
