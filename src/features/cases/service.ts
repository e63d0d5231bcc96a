import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { performAction } from '../../core/workflow/perform.js';
import { joinOpenCase } from './join.js';
import { linkOpenSiblingCases } from './sibling-links.js';
import { type CaseLead, caseLeadOf, handOverLead, type LeadHandOver, releaseOrganisation } from './lead.js';
import type { ActionInput, CaseView } from './model.js';
import { readCase } from './view.js';
import { caseWorkflow } from './workflow.js';

type Db = Kysely<Database>;

import { type OpenCaseCommand, openCaseIn } from './open.js';

export { type OpenCaseCommand, type OpenedCase, openCaseIn } from './open.js';

/**
 * Siblings linked as one household (by the households feature): their open cases, and those of
 * their household siblings, are linked as siblings and the link recorded on each case's log.
 */
export async function linkOpenSiblingCasesIn(uow: UnitOfWork, childIds: readonly string[], at: Date): Promise<void> {
  return linkOpenSiblingCases(uow, childIds, at);
}

/**
 * A new report about a child with an open case joins that case (the reports feature calls this as
 * it records a report): recorded as the system's `report_joined` action, needing no case permission
 * of the reporter. Answers the case's id, or null when the child has no open case.
 */
export async function joinOpenCaseIn(
  uow: UnitOfWork,
  childId: string,
  reportId: string,
  at: Date,
): Promise<string | null> {
  return joinOpenCase(uow, childId, reportId, at);
}

export async function openCase(
  db: Db,
  actor: Actor,
  input: OpenCaseCommand,
  idempotencyKey?: string,
): Promise<{ view: CaseView; joined: boolean; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'case.open',
    (uow) => openCaseIn(uow, input, new Date()),
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { view: await readCase(db, actor, result.caseId), joined: result.joined, replayed };
}

/**
 * One action on a case, run by the workflow engine: permission, the case through the scope, the
 * version the caller saw (a stale one is a 409 with the current case), the status table (a
 * disallowed action is a 409 naming what is allowed), four eyes, effects, then the append.
 */
export async function actOnCaseIn(
  uow: UnitOfWork,
  caseId: string,
  input: ActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, caseWorkflow, caseId, input, at);
  return { seq };
}

export async function actOnCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: ActionInput,
  idempotencyKey?: string,
): Promise<{ view: CaseView; replayed: boolean }> {
  // Clocks stop when the action is recorded, never at a time the caller claims.
  const at = new Date();
  // The answer is read in the change's own transaction (before its COMMIT): the action's audit
  // entry covers it, so there is no second entry, chain lock and WAL flush for reading it after.
  let view: CaseView | undefined;
  const { replayed } = await unitOfWork(
    db,
    actor,
    `case.${input.type}`,
    async (uow) => {
      const done = await actOnCaseIn(uow, caseId, input, at);
      view = await readCase(uow.trx, actor, caseId);
      return done;
    },
    idempotencyKey ? { key: `${caseId}:${idempotencyKey}`, request: input } : undefined,
  );
  // A replayed request answers with the case as it is now, read (and audited) as a read.
  return { view: replayed || !view ? await readCase(db, actor, caseId) : view, replayed };
}

/**
 * The child of a case the actor sees (through the child's scope), for another feature linking to
 * the case (a referral made from a case); undefined when the case is missing or out of scope.
 */
export async function caseChildIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  caseId: string,
): Promise<{ caseId: string; childId: string; caseNo: string } | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .select(['cases.id', 'cases.child_id', 'cases.case_no'])
    .where('cases.id', '=', caseId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row ? { caseId: row.id, childId: row.child_id, caseNo: row.case_no } : undefined;
}

export type { CaseLead, LeadHandOver };

/** A case through the child's scope with its lead, status and working organisations (another feature plans on it). */
export async function caseLeadIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  caseId: string,
): Promise<CaseLead | undefined> {
  return caseLeadOf(db, actor, caseId);
}

/** The case's lead moves to the organisation that accepted the transfer (see `lead.ts`). */
export async function handOverCaseLeadIn(uow: UnitOfWork, handOver: LeadHandOver, at: Date): Promise<void> {
  await handOverLead(uow, handOver, at);
}

/** An organisation kept on the case only for work it has now finished leaves it (never the lead); true when it left now. */
export async function releaseCaseOrganisationIn(
  uow: UnitOfWork,
  caseId: string,
  organisationId: string,
  at: Date,
): Promise<boolean> {
  return releaseOrganisation(uow, caseId, organisationId, at);
}
export { closureTimesBetween, openCasesAt, revocationsBetween } from './insight-reads.js';
