import type { Actor } from '../platform/access/actor.js';
import { actorFor, loadUserAccount } from '../platform/auth/load-actor.js';
import type { UnitOfWork } from '../platform/db/unit-of-work.js';

/**
 * The demo runs the real use cases as the people of J city: this gives the unit of work of the demo
 * seeder acting as one of them (by username), each person's actor loaded once.
 */
export function actingAs(uow: UnitOfWork): (username: string) => Promise<UnitOfWork> {
  const actors = new Map<string, Actor>();
  return async (username) => {
    let actor = actors.get(username);
    if (!actor) {
      const user = await uow.trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      actor = actorFor((await loadUserAccount(uow.trx, user.id))!, { locale: 'zh-CN', ip: null, requestId: null });
      actors.set(username, actor);
    }
    return { ...uow, actor };
  };
}
