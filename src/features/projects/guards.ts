import type { Kysely, Transaction } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { projectVisibleTo } from './access.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** A 400 naming the field at fault. */
export const refuse = (code: string, path: string, params: Record<string, string | number> = {}) =>
  new DomainError(code, 400, params, [{ path, code }]);

/** A project read through its scope (404 outside it, exactly like a missing one). */
export async function requireProject(trx: Trx | Db, actor: Actor, id: string) {
  const project = await trx
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .where(projectVisibleTo(actor))
    .executeTakeFirst();
  if (!project) throw notFound(translate(actor.locale, 'projects.entity'), id);
  return project;
}

export async function requirePurchaser(trx: Trx, actor: Actor, id: string) {
  if (!hasPermission(actor, 'projects.manage')) throw forbidden('projects.manage');
  const project = await requireProject(trx, actor, id);
  if (actor.kind !== 'system' && project.purchaser_org_id !== actor.organisationId)
    throw new DomainError('projects.not_purchaser', 403);
  return project;
}
