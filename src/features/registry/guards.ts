import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { subtreePrefix } from '../../core/places.js';
import './messages.js';

export function requirePermission(actor: Actor, permission: 'children.read' | 'children.write'): void {
  if (!hasPermission(actor, permission)) throw forbidden(permission);
}

/** A translated 400 naming the field, in the message and as the path of its detail. */
export function refuse(
  problem: { code: string; field: string; params?: Record<string, string | number> },
  part: 'body' | 'params' | 'query' = 'body',
): DomainError {
  return new DomainError(problem.code, 400, { field: problem.field, ...problem.params }, [
    { path: `${part}.${problem.field}`, code: problem.code },
  ]);
}

export type RegistryEntity = 'child' | 'member' | 'category' | 'timeline';

export function entityName(actor: Actor, entity: RegistryEntity): string {
  return translate(actor.locale, `registry.entity.${entity}`);
}

export function registryNotFound(actor: Actor, entity: RegistryEntity, id: string): DomainError {
  return notFound(entityName(actor, entity), id);
}

/** Where the actor registers children by place (organisations that see children only through cases register none). */
export function registersAt(actor: Actor, divisionCode: string): boolean {
  if (actor.kind === 'system') return true;
  return (actor.childJurisdiction ?? actor.jurisdiction).some((code) => divisionCode.startsWith(subtreePrefix(code)));
}
