import { sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { CategoryCode } from '../../contract/registry/vocabulary.js';
import type { ChildFile } from '../../contract/registry/child.js';
import type { ExitReason } from '../../contract/registry/exit.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, DomainError, staleVersion } from '../../platform/errors.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { assembleFile } from './child-file.js';
import { changeChild } from './child-write.js';
import { parseIdNumber } from './id-number.js';
import { loadWritableChild } from './writable.js';
import { childInScopeById } from './file-store.js';
import { registryNotFound } from './guards.js';
import './tables.js';
import './exit-messages.js';

/*
 * The registry's use cases other features may call (inside their unit of work). Each reads the
 * child through the caller's scope: a child outside it is a 404, like a missing one.
 */

/** The child's file as the caller may see it (identifiers masked), for checks such as data matching. */
export async function childFileIn(uow: UnitOfWork, childId: string): Promise<ChildFile> {
  const child = await childInScopeById(uow.trx, uow.actor, childId);
  if (!child) throw registryNotFound(uow.actor, 'child', childId);
  return assembleFile(uow.trx, uow.actor, child, false);
}

/**
 * A decision that establishes the category (a benefit approved for it) confirms the membership:
 * a proposal is confirmed, a missing one is added as confirmed, a confirmed one is left as it is.
 */
export async function confirmCategoryByDecisionIn(
  uow: UnitOfWork,
  input: { childId: string; category: CategoryCode; evidence: string; startDate: string },
): Promise<{ membershipId: string; changed: boolean }> {
  const { trx, actor } = uow;
  const child = await childInScopeById(trx, actor, input.childId);
  if (!child) throw registryNotFound(actor, 'child', input.childId);
  const open = await trx
    .selectFrom('child_categories')
    .where(systemScope('the child was read through childInScope just above'))
    .select(['id', 'state'])
    .where('child_id', '=', input.childId)
    .where('category', '=', input.category)
    .where('state', 'in', ['proposed', 'confirmed'])
    .orderBy('state')
    .forUpdate()
    .executeTakeFirst();
  if (open?.state === 'confirmed') return { membershipId: open.id, changed: false };
  const decided = {
    state: 'confirmed' as const,
    evidence: input.evidence,
    start_date: input.startDate,
    decided_by: actor.userId,
    decided_at: new Date(),
  };
  const row = open
    ? await trx
        .updateTable('child_categories')
        .where(systemScope('the membership locked just above'))
        .set({ ...decided, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', open.id)
        .returning('id')
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('child_categories')
        .values({ child_id: input.childId, category: input.category, ...decided })
        .returning('id')
        .executeTakeFirstOrThrow();
  await recordTimeline(trx, actor, {
    childId: input.childId,
    kind: open ? 'category.confirmed' : 'category.added',
    entityType: 'category',
    entityId: row.id,
    before: open ? { state: 'proposed' } : null,
    after: { state: 'confirmed', evidence: input.evidence, startDate: input.startDate },
    details: { category: input.category },
  });
  return { membershipId: row.id, changed: true };
}

/**
 * A child leaves the registry (status `exited`) with a national exit reason and a date; the file and
 * its history stay, searchable by status, out of the default lists. Confirmed categories end on the
 * exit date. A stale version is a 409; an exit of a child who already left is a 409 naming the exit.
 */
export async function exitChildIn(
  uow: UnitOfWork,
  input: { childId: string; reason: ExitReason; exitedOn: string; note?: string; version: number },
): Promise<{ exitId: string; recordedAt: Date }> {
  const { trx, actor } = uow;
  const child = await trx
    .selectFrom('children')
    .select(['id', 'status', 'version', 'birth_date'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw registryNotFound(actor, 'child', input.childId);
  if (child.status === 'exited' || child.status === 'merged')
    throw conflict('registry.child_not_active', { status: child.status });
  if (child.version !== input.version) throw staleVersion('child', input.childId, child.version);
  if (child.birth_date && input.exitedOn < String(child.birth_date))
    throw new DomainError('registry.exit_before_birth', 400, { exitedOn: input.exitedOn }, [
      { path: 'body.exitedOn', code: 'registry.exit_before_birth' },
    ]);
  const exit = await trx
    .insertInto('child_exits')
    .values({
      child_id: input.childId,
      reason: input.reason,
      exited_on: input.exitedOn,
      note: input.note ?? null,
      status_before: child.status,
      recorded_by: actor.userId,
      recorded_by_label: actor.label,
    })
    .returning(['id', 'recorded_at'])
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('children')
    .where(systemScope('the child locked through childInScope just above'))
    .set({ status: 'exited', status_reason: input.reason, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', input.childId)
    .execute();
  const ended = await trx
    .updateTable('child_categories')
    .where(systemScope('memberships of the child locked just above'))
    .set({
      state: 'ended',
      end_date: input.exitedOn,
      end_reason: `exit:${input.reason}`,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('child_id', '=', input.childId)
    .where('state', '=', 'confirmed')
    .returning('category')
    .execute();
  await recordTimeline(trx, actor, {
    childId: input.childId,
    kind: 'child.exited',
    reason: input.note ?? null,
    entityType: 'child_exit',
    entityId: exit.id,
    before: { status: child.status },
    after: { status: 'exited', reason: input.reason, exitedOn: input.exitedOn },
    details: { endedCategories: ended.map((c) => c.category) },
  });
  return { exitId: exit.id, recordedAt: exit.recorded_at };
}

/**
 * Tracing found who a child of unknown identity is: the ID number becomes the child's identifier
 * (birth date and sex follow from it), the name the family gives replaces the one the child was
 * known by, which stays as a former name. The provisional Haven code is kept on the file, so it
 * still finds the child, and the timeline keeps what was known before. The ID number passes the
 * registry's own checks (format, check digit, plausible age, one file per number): a 400 naming
 * `body.idNumber`, a 409 for a number another file holds. A child already identified is a 409.
 */
export async function confirmIdentityIn(
  uow: UnitOfWork,
  input: { childId: string; idNumber: string; name?: string | null; evidence: string },
  today = shanghaiDateOf(new Date()),
): Promise<{ havenCode: string; version: number }> {
  const { trx, actor } = uow;
  const current = await loadWritableChild(trx, actor, input.childId);
  if (current.id_number !== null)
    throw conflict('registry.identity_already_confirmed', { havenCode: current.haven_code });
  const parsed = parseIdNumber(input.idNumber);
  const name = input.name?.trim() || current.name;
  const renamed = name !== current.name;
  const change = await changeChild(
    trx,
    actor,
    current,
    {
      idNumber: input.idNumber,
      ...(parsed.ok ? { birthDate: parsed.id.birthDate, sex: parsed.id.sex } : {}),
      ...(renamed ? { name, formerNames: [...new Set([...current.former_names, current.name])] } : {}),
    },
    today,
  );
  await recordTimeline(trx, actor, {
    childId: input.childId,
    kind: 'child.identity_confirmed',
    reason: input.evidence,
    entityType: 'child',
    entityId: input.childId,
    before: { ...(change?.before ?? {}), havenCode: current.haven_code },
    after: { ...(change?.after ?? {}), havenCode: current.haven_code },
    details: { provisionalCode: current.haven_code },
  });
  uow.audit({
    entityType: 'child',
    entityId: input.childId,
    childId: input.childId,
    details: { identityConfirmed: true, provisionalCode: current.haven_code },
  });
  return { havenCode: current.haven_code, version: current.version + 1 };
}

export { addMemberSituationIn, lockFamilyCopiesIn } from './family.js';
export { factVersionsIn, type IdNumberMatch, matchIdNumbersIn, updateChildFieldsIn } from './fact-writes.js';
export { parseIdNumber } from './id-number.js';
export {
  type ChildCandidate,
  childrenByNameAndBirthIn,
  fullPinyinOf,
  type MemberCandidate,
  membersByNameIn,
} from './name-match.js';
export { exitsBetween } from './insight-reads.js';
export { supportedCategoriesIn } from './supported.js';
export { ledgerCompletenessIn } from './ledger-completeness.js';
