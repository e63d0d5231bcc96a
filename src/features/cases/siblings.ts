import { type Kysely, type Transaction, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { childPartVisibleTo } from '../../core/scope/need-to-know.js';
import { systemScope } from '../../core/scope/system-scope.js';
import '../../core/tables/children.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { CaseView } from './model.js';
import './tables.js';

/*
 * Siblings' cases (issue 17, households): a report about two siblings, or a case opened for a child
 * whose household has siblings, opens one case per child, linked as siblings, so nobody handles
 * half a family. A sibling's case the reader may not see is counted, never named.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The children of the child's current household (the child included), or just the child. */
export async function householdOf(db: Db, childId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('household_children as hc')
    .where(systemScope('the household of a child its caller locked through childInScope'))
    .select('hc.child_id')
    .where('hc.to_at', 'is', null)
    .where('hc.household_id', 'in', (eb) =>
      eb
        .selectFrom('household_children as own')
        .select('own.household_id')
        .where('own.child_id', '=', childId)
        .where('own.to_at', 'is', null),
    )
    .execute();
  return rows.length > 0 ? rows.map((r) => r.child_id) : [childId];
}

/** Every other child named must be in the first child's household: else 400 naming where. */
export async function requireSiblings(
  db: Db,
  childId: string,
  others: readonly { childId: string; path: string }[],
  code: 'cases.children_differ' | 'cases.not_siblings',
): Promise<void> {
  if (others.length === 0) return;
  const household = new Set(await householdOf(db, childId));
  for (const other of others)
    if (!household.has(other.childId)) throw new DomainError(code, 400, {}, [{ path: other.path, code }]);
}

/** The sibling cases of a case, through the reader's scope: the ones they may read by number and name, the rest counted. */
export async function siblingCasesOf(
  db: Db,
  actor: Actor,
  caseId: string,
): Promise<Pick<CaseView, 'siblingCases' | 'siblingCasesHidden'>> {
  // One statement (a case action's answer reads this too: issue 21 counts its statements): every
  // link, with the sibling case beside it only where the reader may read it.
  const rows = await db
    .selectFrom(
      db
        .selectFrom('case_links')
        .select(sql<string>`CASE WHEN case_id = ${caseId} THEN linked_case_id ELSE case_id END`.as('id'))
        .where((eb) => eb.or([eb('case_id', '=', caseId), eb('linked_case_id', '=', caseId)]))
        .as('l'),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('cases')
          .innerJoin('children', 'children.id', 'cases.child_id')
          .where(childInScope(actor))
          .where(childPartVisibleTo(actor, 'case_summary'))
          .whereRef('cases.id', '=', 'l.id')
          .select(['cases.id', 'cases.case_no', 'children.id as child_id', 'children.name', 'children.birth_date'])
          .as('v'),
      (join) => join.onTrue(),
    )
    .select(['v.id', 'v.case_no', 'v.child_id', 'v.name'])
    .orderBy('v.birth_date')
    .execute();
  const visible = rows.flatMap((r) =>
    r.id && r.case_no && r.child_id && r.name
      ? [{ id: r.id, case_no: r.case_no, child_id: r.child_id, name: r.name }]
      : [],
  );
  return {
    siblingCases: visible.map((c) => ({ id: c.id, caseNo: c.case_no, childId: c.child_id, childName: c.name })),
    siblingCasesHidden: rows.length - visible.length,
  };
}
