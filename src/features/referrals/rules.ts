import {
  type ReferralActionType,
  type ReferralStatus,
  referralStatuses,
  type ReferralUserAction,
} from '../../contract/referrals/vocabulary.js';
import { allowedActions, defineStatusTable, type WorkflowState } from '../../core/workflow/rules.js';

/**
 * Invariant 3: a referral's status is a fold over its log. requested → accepted | declined (reason)
 * → in progress → completed (outcome); the sender may withdraw it while it is open. Pure.
 */
export const referralStatusTable = defineStatusTable<ReferralStatus, ReferralActionType>({
  statuses: referralStatuses,
  initial: 'requested',
  actions: {
    request: { from: 'start', to: 'requested', permission: 'referrals.act', system: true },
    accept: { from: ['requested'], to: 'accepted', permission: 'referrals.act' },
    decline: { from: ['requested'], to: 'declined', permission: 'referrals.act' },
    start: { from: ['accepted'], to: 'in_progress', permission: 'referrals.act' },
    complete: { from: ['accepted', 'in_progress'], to: 'completed', permission: 'referrals.act' },
    withdraw: { from: ['requested', 'accepted', 'in_progress'], to: 'withdrawn', permission: 'referrals.act' },
  },
});

export type ReferralState = WorkflowState<ReferralStatus, ReferralActionType>;

/** Who answers for each action: the receiving organisation answers and delivers, the sender withdraws. */
export const sideOf: Record<ReferralUserAction, 'receiver' | 'sender'> = {
  accept: 'receiver',
  decline: 'receiver',
  start: 'receiver',
  complete: 'receiver',
  withdraw: 'sender',
};

/** What this organisation may do next on the referral: the status, the permission and its side. */
export function referralActionsFor(
  state: ReferralState,
  asker: { can(permission: string): boolean; accountableUserId: string | null },
  sides: { sender: boolean; receiver: boolean },
): ReferralUserAction[] {
  return (allowedActions(referralStatusTable, state, asker) as ReferralUserAction[]).filter(
    (action) => sides[sideOf[action]],
  );
}
