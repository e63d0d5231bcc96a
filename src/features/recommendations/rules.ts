import {
  type RecommendationActionType,
  recommendationSideOf,
  type RecommendationStatus,
  recommendationStatuses,
  type RecommendationUserAction,
} from '../../contract/recommendations/vocabulary.js';
import { allowedActions, defineStatusTable, type WorkflowState } from '../../core/workflow/rules.js';

/**
 * Invariant 3: a recommendation's status is a fold over its log. issued → replied (the addressee's
 * written reply) → closed (the prosecutor accepts it) or back to issued (returned for a better
 * one); the prosecutor may withdraw it while open, and notes public-interest litigation at any
 * point but withdrawal. Pure.
 */
export const recommendationStatusTable = defineStatusTable<RecommendationStatus, RecommendationActionType>({
  statuses: recommendationStatuses,
  initial: 'issued',
  actions: {
    issue: { from: 'start', to: 'issued', permission: 'recommendations.issue', system: true },
    reply: { from: ['issued'], to: 'replied', permission: 'recommendations.reply' },
    accept: { from: ['replied'], to: 'closed', permission: 'recommendations.issue' },
    return: { from: ['replied'], to: 'issued', permission: 'recommendations.issue' },
    withdraw: { from: ['issued', 'replied'], to: 'withdrawn', permission: 'recommendations.issue' },
    note_litigation: { from: ['issued', 'replied', 'closed'], to: 'same', permission: 'recommendations.issue' },
  },
});

export type RecommendationState = WorkflowState<RecommendationStatus, RecommendationActionType>;

/** What this unit may do next: the status, the permission and its side (issuer or addressee). */
export function recommendationActionsFor(
  state: RecommendationState,
  asker: { can(permission: string): boolean; accountableUserId: string | null },
  sides: { issuer: boolean; addressee: boolean },
): RecommendationUserAction[] {
  return (allowedActions(recommendationStatusTable, state, asker) as RecommendationUserAction[]).filter(
    (action) => sides[recommendationSideOf[action]],
  );
}

/**
 * The reply is due a calendar month after the day of issue (the same day of the month, or the
 * month's last day when it has none: 31 January → 28 February), at the end of that day, Beijing time.
 */
export function replyDueDate(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The end of a Beijing day as an instant. */
export const endOfDay = (day: string): Date => new Date(`${day}T23:59:59+08:00`);
