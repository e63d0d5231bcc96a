import { isWithin } from '../../core/places.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/errors.js';

/** A place inside the actor's jurisdiction (a system actor covers every place). */
export const inJurisdiction = (actor: Actor, code: string) =>
  actor.kind === 'system' || actor.jurisdiction.some((j) => isWithin(code, j));

export function requireManage(actor: Actor): void {
  if (!hasPermission(actor, 'roster.manage')) throw forbidden('roster.manage');
}
