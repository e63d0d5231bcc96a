import { sql, type Transaction } from 'kysely';
import type { Subject } from '../../core/workflow/definition.js';
import { endParticipation, grantParticipation } from '../../core/scope/participation.js';
import type { Database } from '../../platform/db/schema.js';
import '../../core/tables/children.js';
import type { ActionType, CaseStatus } from './rules.js';
import './tables.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Trx = Transaction<Database>;

/** The case's own fields, read from its row when the workflow locks it. */
export interface CaseFields {
  caseNo: string;
  divisionCode: string;
  leadOrgId: string;
}

/** A case locked for one change, with its state folded from the log. */
export type LockedCase = Subject<CaseStatus, ActionType, CaseFields>;

/** The open case of a child (status other than closed), if any. */
export async function openCaseOfChild(trx: Trx, childId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('cases')
    .where(systemScope('the child its caller read through childInScope'))
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
): Promise<boolean> {
  const left = await trx
    .updateTable('case_organisations')
    .where(systemScope('the case the workflow locked through childInScope'))
    .set({ left_at: at })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  await endParticipation(trx, { basis: 'case', basisId: caseId, organisationId, at });
  // Whether it was still working the case: it leaves once.
  return left.numUpdatedRows > 0n;
}

export async function restoreCaseParticipations(
  trx: Trx,
  kase: { id: string; childId: string },
  at: Date,
): Promise<void> {
  const organisations = await trx
    .selectFrom('case_organisations')
    .where(systemScope('the case the workflow locked through childInScope'))
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
