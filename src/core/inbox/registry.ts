import type { InboxContribution } from './contribution.js';

/*
 * Placeholder until the inbox lands (issue 13, clocks helper): the composition root hands over
 * every feature's contributions here, once, at start-up.
 */
let contributions: readonly InboxContribution[] = [];

/** The contributions of all features, replacing any given before (start-up calls this once). */
export function registerInboxContributions(list: readonly InboxContribution[]): void {
  contributions = [...list];
}

/** What was registered, in the order given. */
export function registeredInboxContributions(): readonly InboxContribution[] {
  return contributions;
}
