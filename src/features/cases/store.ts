import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { endParticipation, grantParticipation } from '../../core/scope/participation.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Database } from '../../platform/db/schema.js';
import '../registry/tables.js';
import { type ActionType, applyAction, type CaseState, foldActions } from './rules.js';
import './tables.js';

type Trx = Transaction<Database>;

export interface LockedCase {
  id: string;
  caseNo: string;
  childId: string;
  divisionCode: string;
  leadOrgId: string;
  seq: number;
  state: CaseState;
}

/** The case through the child's scope, locked for this change, with its state folded from the log. */
export async function lockCase(trx: Trx, actor: Actor, caseId: string): Promise<LockedCase | undefined> {
  const row = await trx
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .select(['cases.id', 'cases.case_no', 'cases.child_id', 'cases.division_code', 'cases.lead_org_id', 'cases.seq'])
    .where('cases.id', '=', caseId)
    .where(childInScope(actor))
    .forUpdate('cases')
    .executeTakeFirst();
  if (!row) return undefined;
  const actions = await trx
    .selectFrom('case_actions')
    .select(['type', 'actor_user_id'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  const state = foldActions(actions.map((a) => ({ type: a.type, actorUserId: a.actor_user_id })));
  return {
    id: row.id,
    caseNo: row.case_no,
    childId: row.child_id,
    divisionCode: row.division_code,
    leadOrgId: row.lead_org_id,
    seq: row.seq,
    state,
  };
}

/** The open case of a child (status other than closed), if any. */
export async function openCaseOfChild(trx: Trx, childId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('cases')
    .innerJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .select('cases.id')
    .where('cases.child_id', '=', childId)
    .where('last.status_after', '<>', 'closed')
    .orderBy('cases.opened_at', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Appends one action: the next sequence number, the status it leads to, and the child's timeline
 * entry. The unique (case_id, seq) makes a duplicate impossible even if a lock were missed.
 */
export async function appendAction(
  trx: Trx,
  actor: Actor,
  kase: { id: string; childId: string; state: CaseState },
  action: {
    type: ActionType;
    payload: Record<string, unknown>;
    at: Date;
    timeline?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  },
): Promise<CaseState> {
  const next = applyAction(kase.state, { type: action.type, actorUserId: actor.userId });
  // One statement for the log (two writes), then the timeline through its one writer (core/timeline).
  await trx
    .with('action', (db) =>
      db
        .insertInto('case_actions')
        .values({
          case_id: kase.id,
          seq: next.seq,
          type: action.type,
          status_after: next.status,
          payload: JSON.stringify(action.payload),
          actor_user_id: actor.userId,
          actor_org_id: actor.organisationId,
          actor_label: actor.label,
          occurred_at: action.at,
        })
        .returning('case_id'),
    )
    .with('advanced', (db) => db.updateTable('cases').set({ seq: next.seq }).where('id', '=', kase.id).returning('id'))
    .selectNoFrom(sql<number>`1`.as('one'))
    .execute();
  await recordTimeline(trx, actor, {
    childId: kase.childId,
    occurredAt: action.at,
    kind: `case.${action.type}`,
    entityType: 'case',
    entityId: kase.id,
    before: action.timeline?.before ?? null,
    after: action.timeline?.after ?? null,
    details: { seq: next.seq, status: next.status },
  });
  return next;
}

/** Adds an organisation to the case and gives it scope over the child (access rule: participation). */
export async function addCaseOrganisation(
  trx: Trx,
  kase: { id: string; childId: string },
  organisationId: string,
  role: 'lead' | 'participant',
  at: Date,
): Promise<void> {
  await trx
    .insertInto('case_organisations')
    .values({ case_id: kase.id, organisation_id: organisationId, role, added_at: at })
    // An organisation that had left (its placement moved on) and is added again works the case again.
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'organisation_id'])
        .where('case_organisations.left_at', 'is not', null)
        .doUpdateSet({ left_at: null }),
    )
    .execute();
  await grantParticipation(trx, { childId: kase.childId, organisationId, basis: 'case', basisId: kase.id });
}

export async function endCaseParticipations(trx: Trx, caseId: string, at: Date): Promise<void> {
  await endParticipation(trx, { basis: 'case', basisId: caseId, at });
}

/** The organisation stops working the case: its scope over the child through this case ends. */
export async function removeCaseOrganisation(
  trx: Trx,
  caseId: string,
  organisationId: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('case_organisations')
    .set({ left_at: at })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('left_at', 'is', null)
    .execute();
  await endParticipation(trx, { basis: 'case', basisId: caseId, organisationId, at });
}

export async function restoreCaseParticipations(
  trx: Trx,
  kase: { id: string; childId: string },
  at: Date,
): Promise<void> {
  const organisations = await trx
    .selectFrom('case_organisations')
    .select(['organisation_id', 'role'])
    .where('case_id', '=', kase.id)
    .where('left_at', 'is', null)
    .execute();
  for (const o of organisations) await addCaseOrganisation(trx, kase, o.organisation_id, o.role, at);
}

export async function nextCaseSerial(trx: Trx): Promise<number> {
  const row = await sql<{ n: string }>`SELECT nextval('case_no_seq') AS n`.execute(trx);
  return Number(row.rows[0]!.n);
}

export async function organisationExists(trx: Trx, id: string): Promise<boolean> {
  return (await trx.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
