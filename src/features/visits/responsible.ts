import type { Transaction } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { responsibleDirectorIn, rosterEntryCoveringIn } from '../grassroots/service.js';
import './messages.js';

type Trx = Transaction<Database>;

/**
 * Who may record a visit to a child in their scope: its responsible director, a supervisor whose
 * township holds the child, or an officer who manages the roster. Anyone else in scope gets 403.
 */
export async function requireResponsible(trx: Trx, actor: Actor, child: { id: string; residence_code: string }) {
  if (!hasPermission(actor, 'visits.record')) throw forbidden('visits.record');
  const director = await responsibleDirectorIn(trx, child.id);
  if (director && actor.userId && director.userId === actor.userId)
    return { staffId: director.staffId, name: director.name };
  if (actor.userId) {
    const entry = await rosterEntryCoveringIn(trx, actor.userId, child.residence_code);
    if (entry?.post === 'township_supervisor') return { staffId: entry.staffId, name: entry.name };
  }
  if (hasPermission(actor, 'roster.manage')) return { staffId: null, name: null };
  throw new DomainError('visits.not_responsible', 403, { director: director?.name ?? '—' });
}

/** The child in my scope, locked for the unit of work; else 404. */
export async function lockChild(trx: Trx, actor: Actor, childId: string) {
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code', 'created_at', 'status'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'visits.child_entity'), childId);
  return child;
}
