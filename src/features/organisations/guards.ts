import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { type FieldProblem, mayManageAt } from './rules.js';
import './messages.js';

export function requirePermission(actor: Actor, permission: 'organisations.read' | 'organisations.manage'): void {
  if (!hasPermission(actor, permission)) throw forbidden(permission);
}

/**
 * 403, not 404: the directory is readable by everyone who may read organisations, so hiding that
 * the organisation exists would protect nothing and only confuse the caller.
 */
export function requireJurisdiction(actor: Actor, divisionCode: string): void {
  if (!mayManageAt(actor, divisionCode))
    throw new DomainError('organisations.outside_jurisdiction', 403, { division: divisionCode });
}

/** A translated 400 that names the field, in the message and as the path of its detail. */
export function refuse(problem: FieldProblem, part: 'body' | 'params' | 'query' = 'body'): DomainError {
  return new DomainError(problem.code, 400, { field: problem.field, ...problem.params }, [
    { path: `${part}.${problem.field}`, code: problem.code },
  ]);
}

export function entityName(actor: Actor): string {
  return translate(actor.locale, 'organisations.entity');
}

export function organisationNotFound(actor: Actor, id: string): DomainError {
  return notFound(entityName(actor), id);
}
