import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { registryNotFound } from './guards.js';
import { type ChildRow, childInScopeById } from './file-store.js';

/** The child, locked for a change: in the actor's scope (else 404) and still active (else 409). */
export async function loadWritableChild(trx: Transaction<Database>, actor: Actor, childId: string): Promise<ChildRow> {
  const child = await childInScopeById(trx, actor, childId, { lock: true });
  if (!child) throw registryNotFound(actor, 'child', childId);
  if (child.status !== 'active') throw new DomainError('registry.not_active', 409, { status: child.status });
  return child;
}
