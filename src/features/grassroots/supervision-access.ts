import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { forbidden } from '../../platform/errors.js';
import { rosterEntryCoveringIn } from './assignments.js';

type Db = Kysely<Database>;

/**
 * Who records in the log of a village: a township supervisor whose active posting holds it, or an
 * officer who manages the roster (anyone else → 403); the recorder's name as the log keeps it.
 */
export async function supervisorOf(
  trx: Db | UnitOfWork['trx'],
  actor: Actor,
  village: string,
): Promise<{ supervisor: { staffId: string; name: string } | null; recorder: string }> {
  const entry = actor.userId ? await rosterEntryCoveringIn(trx, actor.userId, village) : null;
  const supervisor = entry?.post === 'township_supervisor' ? entry : null;
  if (!supervisor && !hasPermission(actor, 'roster.manage')) throw forbidden('roster.manage');
  const recorder = supervisor
    ? supervisor.name
    : ((
        await trx
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
          .executeTakeFirst()
      )?.display_name ?? '—');
  return { supervisor, recorder };
}
