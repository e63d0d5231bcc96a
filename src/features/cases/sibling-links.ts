import type { Kysely, Transaction } from 'kysely';
import { systemScope } from '../../core/scope/system-scope.js';
import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import '../../core/tables/children.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { caseWorkflow } from './workflow.js';
import './tables.js';

/*
 * Siblings' cases linked (issue 17, households): when they are opened together, when one is opened
 * later for a sibling whose case is open, and when the household is linked after both were opened.
 * The reads of the links are in siblings.ts (the case view's; kept apart from the workflow).
 */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Links every pair of the cases as siblings; a pair already linked stays as it is (a retry writes
 * nothing). Each new link is recorded on both cases' logs (`sibling_linked`, naming the other case
 * by id only: the case view names it to a reader who may see it). The cases are locked in id order,
 * through no one's scope: a sibling's case may lie outside the caller's.
 */
export async function linkSiblingCases(uow: UnitOfWork, caseIds: readonly string[], at: Date): Promise<void> {
  const ids = [...new Set(caseIds)].sort();
  const pairs: { case_id: string; linked_case_id: string; kind: 'siblings'; created_by: string | null }[] = [];
  for (const [i, a] of ids.entries())
    for (const b of ids.slice(i + 1))
      pairs.push({ case_id: a, linked_case_id: b, kind: 'siblings', created_by: uow.actor.userId });
  if (pairs.length === 0) return;
  const locker = systemActor('sibling-case-link');
  const lock = (id: string) => lockSubject(uow.trx, locker, caseWorkflow, id);
  const locked = new Map<string, Awaited<ReturnType<typeof lock>>>();
  for (const id of ids) locked.set(id, await lock(id));
  const added = await uow.trx
    .insertInto('case_links')
    .values(pairs)
    .onConflict((oc) => oc.columns(['case_id', 'linked_case_id']).doNothing())
    .returning(['case_id', 'linked_case_id'])
    .execute();
  for (const link of added) {
    uow.audit({ entityType: 'case', entityId: link.case_id, details: { linkedSiblingCase: link.linked_case_id } });
    for (const [own, other] of [
      [link.case_id, link.linked_case_id],
      [link.linked_case_id, link.case_id],
    ] as const) {
      const kase = locked.get(own);
      if (!kase) continue;
      const state = await recordSystemAction(uow, caseWorkflow, kase, {
        type: 'sibling_linked',
        payload: { linkedCaseId: other },
        at,
      });
      locked.set(own, { ...kase, state, seq: kase.seq + 1 });
    }
  }
}

/**
 * The open cases of the children's current household siblings (the children themselves left out):
 * a case opened later for a sibling, or a household linked after both cases were opened, joins the
 * family's cases (issue 17).
 */
export async function openSiblingCasesOf(db: Db, childIds: readonly string[]): Promise<string[]> {
  if (childIds.length === 0) return [];
  const rows = await db
    .selectFrom('household_children as hc')
    .where(systemScope('the households of children their caller locked through childInScope'))
    .innerJoin('cases', 'cases.child_id', 'hc.child_id')
    .innerJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .select('cases.id')
    .where('hc.to_at', 'is', null)
    .where('hc.child_id', 'not in', [...childIds])
    .where('last.status_after', '<>', 'closed')
    .where('hc.household_id', 'in', (eb) =>
      eb
        .selectFrom('household_children as own')
        .select('own.household_id')
        .where('own.child_id', 'in', [...childIds])
        .where('own.to_at', 'is', null),
    )
    .orderBy('cases.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Links the open cases of these children (one household's, e.g. just linked) with each other and
 * with their household siblings' open cases. For the households feature, after a link or a join.
 */
export async function linkOpenSiblingCases(uow: UnitOfWork, childIds: readonly string[], at: Date): Promise<void> {
  const own = await uow.trx
    .selectFrom('cases')
    .where(systemScope('children their caller locked through childInScope'))
    .innerJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .select('cases.id')
    .where('cases.child_id', 'in', [...childIds])
    .where('last.status_after', '<>', 'closed')
    .execute();
  if (own.length === 0) return;
  const cases = [...own.map((c) => c.id), ...(await openSiblingCasesOf(uow.trx, childIds))];
  if (new Set(cases).size > 1) await linkSiblingCases(uow, cases, at);
}
