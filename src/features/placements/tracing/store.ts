import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import type { TracingOutcome } from '../model.js';
import './tables.js';

type Trx = Transaction<Database>;

/**
 * The child's open tracing request ends with the child's way out of the station: escorted home
 * (the family was found) — called inside the placement action that moved the child.
 */
export async function closeTracingOf(
  trx: Trx,
  childId: string,
  outcome: TracingOutcome,
  at: Date,
  note: string | null,
): Promise<string | undefined> {
  const row = await trx
    .updateTable('tracing_requests')
    .where(systemScope('the child of the placement the workflow locked through childInScope'))
    .set((eb) => ({ status: 'closed', outcome, closed_at: at, close_note: note, version: eb('version', '+', 1) }))
    .where('child_id', '=', childId)
    .where('status', '<>', 'closed')
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** A transfer moves the child's open tracing request to the receiving institution: tracing goes on there. */
export async function moveTracingTo(trx: Trx, childId: string, organisationId: string | null): Promise<void> {
  if (!organisationId) return;
  await trx
    .updateTable('tracing_requests')
    .where(systemScope('the child of the placement the workflow locked through childInScope'))
    .set((eb) => ({ organisation_id: organisationId, version: eb('version', '+', 1) }))
    .where('child_id', '=', childId)
    .where('status', '<>', 'closed')
    .execute();
}
