import { type Actor, accountableUserId, hasPermission } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/errors.js';
import { allowedActions, type CaseState } from './rules.js';
import './messages.js';

export function requireCasePermission(actor: Actor, permission: 'cases.read' | 'cases.act' | 'cases.approve'): void {
  if (!hasPermission(actor, permission)) throw forbidden(permission);
}

/** Four eyes look at the person answerable, so an officer's API token is the officer. */
export function callerAllowedActions(actor: Actor, state: CaseState) {
  return allowedActions(state, (p) => hasPermission(actor, p), accountableUserId(actor));
}
