import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { type ActionType, actionTable, allowedActions, type CaseState } from './rules.js';
import './messages.js';

export function requireCasePermission(actor: Actor, permission: 'cases.read' | 'cases.act' | 'cases.approve'): void {
  if (!hasPermission(actor, permission)) throw forbidden(permission);
}

export function callerAllowedActions(actor: Actor, state: CaseState) {
  return allowedActions(state, (p) => hasPermission(actor, p), actor.userId);
}

/** 409 naming the status and what the status allows, in the caller's language. */
export function actionNotAllowed(actor: Actor, state: CaseState, type: ActionType, current?: unknown): DomainError {
  const allowed = Object.entries(actionTable)
    .filter(([name, entry]) => entry.from.includes(state.status) && name !== 'report_joined' && name !== 'open')
    .map(([name]) => name);
  const names = allowed
    .map((name) => translate(actor.locale, `cases.action.${name}`))
    .join(actor.locale === 'zh-CN' ? '、' : ', ');
  return new DomainError(
    'cases.action_not_allowed',
    409,
    { status: state.status, action: type, allowed: names || translate(actor.locale, 'cases.none') },
    { status: state.status, allowedActions: allowed, current },
  );
}

export function requireActionPermission(actor: Actor, type: ActionType): void {
  requireCasePermission(actor, actionTable[type].permission);
}
