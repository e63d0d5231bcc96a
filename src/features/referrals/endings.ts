import type { UnitOfWork } from '../../platform/db/unit-of-work.js';

/** A referral that has just ended (completed or withdrawn), as a feature reacting to it needs it. */
export interface EndedReferral {
  referralId: string;
  childId: string;
  caseId: string | null;
  fromOrgId: string;
  toOrgId: string;
}

export type ReferralEndedListener = (uow: UnitOfWork, referral: EndedReferral, at: Date) => Promise<void>;

const listeners: ReferralEndedListener[] = [];

/**
 * Lets a feature that builds on referrals act in the same unit of work when one ends — after the
 * ending action is appended, so the referral already reads as ended. A feature above referrals
 * (case-network: a former lead kept only by its referral leaves the case) registers here from its
 * manifest; referrals imports nothing of it, so the dependency keeps its direction.
 */
export function whenReferralEnds(listener: ReferralEndedListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function referralEnded(uow: UnitOfWork, referral: EndedReferral, at: Date): Promise<void> {
  for (const listener of listeners) await listener(uow, referral, at);
}
