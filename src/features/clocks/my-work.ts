import type { Kysely } from 'kysely';
import { type MyWork, myWorkSchema, myWorkSections } from '../../contract/my-work/my-work.js';
import { collectInbox } from '../../core/inbox/registry.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';

/** What waits for me, as the registered inbox contributions see it, overdue first; a section nobody contributes is empty. */
export async function myWork(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<MyWork> {
  const sections = await collectInbox({ db, actor, now });
  return myWorkSchema.parse(Object.fromEntries(myWorkSections.map((name) => [name, sections[name] ?? []])));
}
