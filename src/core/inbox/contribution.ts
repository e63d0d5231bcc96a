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
 * One feature's part of "my work" (the inbox): the feature registers it in its manifest
 * (`feature.ts`), and core/inbox gathers every contribution, overdue first.
 */
export interface InboxContribution {
  /** A stable key naming the section, e.g. `reports.toAcknowledge`. */
  readonly section: string;
  collect(context: InboxContext): Promise<readonly unknown[]>;
}
