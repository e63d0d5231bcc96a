import type { CheckState, NeedActionType, NeedStatus } from '../../contract/charity/vocabulary.js';
import { needStatuses } from '../../contract/charity/vocabulary.js';
import { defineStatusTable } from '../../core/workflow/rules.js';

/**
 * Invariant 3: a need's status is a fold over its log. Raised open (by the child's worker), matched
 * by a charity to a donation or a volunteer, handed over with a receipt; the child's worker or the
 * charity may cancel it until it is handed over. Pure.
 */
export const needStatusTable = defineStatusTable<NeedStatus, NeedActionType>({
  statuses: needStatuses,
  initial: 'open',
  actions: {
    raise: { from: 'start', to: 'open', permission: 'cases.act', system: true },
    match: { from: ['open'], to: 'matched', permission: 'charity.manage' },
    hand_over: { from: ['matched'], to: 'handed_over', permission: 'charity.manage' },
    cancel: { from: ['open', 'matched'], to: 'cancelled', permission: 'cases.act' },
  },
});

/** The day a check passed on `passedOn` stops being valid: renewed yearly by default (rule data). */
export function checkExpiresOn(passedOn: string, validMonths: number): string {
  const [y, m, d] = passedOn.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + validMonths, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/** A check is valid through the day before it expires; "expiring" within the warning days. */
export function checkStateOf(expiresOn: string | null, today: string, warnDays = 30): CheckState {
  if (!expiresOn) return 'missing';
  if (expiresOn <= today) return 'expired';
  const warnFrom = new Date(Date.parse(`${expiresOn}T00:00:00Z`) - warnDays * 86_400_000).toISOString().slice(0, 10);
  return today >= warnFrom ? 'expiring' : 'valid';
}

/** The due days of an order's sessions: every `everyDays` from the day it was issued. */
export function sessionDueDays(issuedOn: string, sessions: number, everyDays: number): string[] {
  const start = Date.parse(`${issuedOn}T00:00:00Z`);
  return Array.from({ length: sessions }, (_, i) =>
    new Date(start + (i + 1) * everyDays * 86_400_000).toISOString().slice(0, 10),
  );
}
