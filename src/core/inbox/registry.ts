import type { InboxContext, InboxContribution } from './contribution.js';

export type { InboxContext, InboxContribution } from './contribution.js';

const contributions = new Map<string, InboxContribution>();

/**
 * Adds the features' contributions to "my work" (the composition root does this from the manifests).
 * Registering the same contribution again is harmless; another one under a taken section is a bug.
 */
export function registerInboxContributions(list: readonly InboxContribution[]): void {
  for (const contribution of list) {
    const taken = contributions.get(contribution.section);
    if (taken && taken !== contribution) throw new Error(`inbox section "${contribution.section}" registered twice`);
    contributions.set(contribution.section, contribution);
  }
}

export function registeredInboxSections(): readonly string[] {
  return [...contributions.keys()];
}

/** "My work": every registered section's items for the actor, overdue first (otherwise in the contribution's order). */
export async function collectInbox(context: InboxContext): Promise<Record<string, readonly unknown[]>> {
  const sections: Record<string, readonly unknown[]> = {};
  for (const contribution of contributions.values()) {
    const items = await contribution.collect(context);
    sections[contribution.section] = [
      ...items.filter((item) => contribution.isOverdue(item, context.now)),
      ...items.filter((item) => !contribution.isOverdue(item, context.now)),
    ];
  }
  return sections;
}
