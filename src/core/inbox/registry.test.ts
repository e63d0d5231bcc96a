import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { InboxContribution } from './contribution.js';
import { collectInbox, registerInboxContributions } from './registry.js';

interface Item {
  name: string;
  dueAt: Date;
}
const now = new Date('2026-03-02T10:00:00Z');
const item = (name: string, hours: number) => ({ name, dueAt: new Date(now.getTime() + hours * 3_600_000) });
const mine: InboxContribution<Item> = {
  section: 'mine',
  // Each contribution scopes by the actor: this one has work only for organisation "a".
  collect: async ({ actor }) =>
    actor.organisationId === 'a'
      ? [item('soon', 2), item('late', -1), item('later', 30), item('later still', -30)]
      : [],
  isOverdue: (entry, at) => entry.dueAt < at,
};
const context = (organisationId: string) => ({
  db: {} as Kysely<Database>,
  actor: { organisationId } as Actor,
  now,
});

describe('the inbox gathers the contributions the features register', () => {
  it('each section is what its contribution found for the actor, overdue first, otherwise in its order', async () => {
    registerInboxContributions([mine]);
    const sections = await collectInbox(context('a'));
    expect((sections.mine as Item[]).map((entry) => entry.name)).toEqual(['late', 'later still', 'soon', 'later']);
    expect(await collectInbox(context('b'))).toEqual({ mine: [] });
  });
  it('registering the same contribution again is harmless; another under a taken section is refused', () => {
    registerInboxContributions([mine]);
    expect(() => registerInboxContributions([{ ...mine }])).toThrow(/registered twice/);
  });
});
