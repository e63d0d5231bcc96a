import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';

/** What a contribution is asked for: whose work, at what moment. */
export interface InboxContext {
  db: Kysely<Database>;
  actor: Actor;
  now: Date;
}

/**
 * One feature's part of "my work" (the inbox): the feature lists it under `inbox` in its manifest
 * (`feature.ts`), and core/inbox gathers every contribution, overdue first. A contribution scopes
 * its own query by the actor (childInScope, a permission, the actor's organisation): the inbox adds
 * nothing to what it returns but the order.
 */
export interface InboxContribution<Item = unknown> {
  /** A stable key naming the section, e.g. `reportsToAcknowledge`: the key in the answer. */
  readonly section: string;
  /** The items, in the contribution's own order (the inbox moves overdue ones first, stably). */
  collect(context: InboxContext): Promise<readonly Item[]>;
  /** Whether an item is late; method syntax so a contribution of any item type fits the list. */
  isOverdue(item: Item, now: Date): boolean;
}
