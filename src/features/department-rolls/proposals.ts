import { type Kysely, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { DecisionAnswer, FactProposal, ProposedFact } from '../../contract/department-rolls/rolls.js';
import type { ChildFields } from '../../contract/registry/child.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { addMemberSituationIn, childFileIn, factVersionsIn, updateChildFieldsIn } from '../registry/service.js';
import { personRollKinds } from '../../contract/department-rolls/vocabulary.js';
import { benefitsOfCategories, followBenefitsIn, householdBenefitsAfter } from './benefit-link.js';
import { type ProposalRow, proposalOf } from './view.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
type AcceptInput = { version: number; targetVersion: number; matchConfirmed?: boolean | undefined };

const proposalColumns = [
  'fact_proposals.id',
  'fact_proposals.child_id',
  'fact_proposals.roll_id',
  'fact_proposals.row_number',
  'fact_proposals.fact',
  'fact_proposals.match',
  'fact_proposals.status',
  'fact_proposals.version',
  'fact_proposals.decided_by',
  'fact_proposals.decided_by_label',
  'fact_proposals.decided_at',
  'fact_proposals.decision_reason',
  'fact_proposals.created_at',
  'department_rolls.department',
  'department_rolls.kind',
  'department_rolls.as_of',
  'department_rolls.file_name',
] as const;

const notFound = (actor: Actor, id: string) =>
  new DomainError('not_found', 404, { entity: translate(actor.locale, 'rolls.entity'), id });

function targetOf(fact: ProposedFact, versions: { child: number; members: Map<string, number> }): number | null {
  if (fact.kind === 'imprisonment' || fact.kind === 'drug_rehabilitation' || fact.kind === 'death')
    return versions.members.get(fact.memberId) ?? null;
  return versions.child;
}

/** The proposals from department rolls on a child's file, open ones first; a child outside my scope is a 404. */
export async function proposalsOfChild(db: Db, actor: Actor, childId: string): Promise<FactProposal[]> {
  const versions = await factVersionsIn(db, actor, childId);
  if (!versions) throw new DomainError('not_found', 404, { entity: 'child', id: childId });
  const rows = await db
    .selectFrom('fact_proposals')
    .innerJoin('children', 'children.id', 'fact_proposals.child_id')
    .innerJoin('department_rolls', 'department_rolls.id', 'fact_proposals.roll_id')
    .select(proposalColumns)
    .where(childInScope(actor))
    .where('fact_proposals.child_id', '=', childId)
    .orderBy(sql`fact_proposals.status = 'proposed'`, 'desc')
    .orderBy('fact_proposals.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) =>
    proposalOf(row as ProposalRow, row.status === 'proposed' ? targetOf(row.fact, versions) : null),
  );
}

/** The proposal locked for a decision, read through my scope: a child outside it is a 404. */
export async function lockProposal(uow: UnitOfWork, id: string, version: number | null): Promise<ProposalRow> {
  const row = await uow.trx
    .selectFrom('fact_proposals')
    .innerJoin('children', 'children.id', 'fact_proposals.child_id')
    .innerJoin('department_rolls', 'department_rolls.id', 'fact_proposals.roll_id')
    .select(proposalColumns)
    .where(childInScope(uow.actor))
    .where('fact_proposals.id', '=', id)
    .forUpdate('fact_proposals')
    .executeTakeFirst();
  if (!row) throw notFound(uow.actor, id);
  if (version === null) return row as ProposalRow;
  if (row.status !== 'proposed')
    throw new DomainError('rolls.proposal_decided', 409, {
      status: translate(uow.actor.locale, `rolls.status.${row.status}`),
    });
  if (row.version !== version)
    throw new DomainError('rolls.proposal_stale', 409, { expected: version, current: row.version });
  return row as ProposalRow;
}

function fieldsOf(fact: ProposedFact): Partial<ChildFields> {
  switch (fact.kind) {
    case 'household_registration':
      return { hukouCode: fact.hukouCode };
    case 'disability':
      return {
        disabilityGrade: fact.grade,
        ...(fact.disabilityType ? { disabilityType: fact.disabilityType as ChildFields['disabilityType'] } : {}),
        ...(fact.certificate ? { disabilityCertificate: fact.certificate } : {}),
      };
    case 'serious_illness':
      return { seriousIllness: fact.illness };
    case 'school_enrolment':
      return { school: fact.school, ...(fact.grade ? { grade: fact.grade } : {}) };
    case 'school_dropout':
      return { school: null, grade: null };
    default:
      return {};
  }
}

async function decided(
  uow: UnitOfWork,
  row: ProposalRow,
  status: 'accepted' | 'rejected',
  reason: string | null,
): Promise<FactProposal> {
  const { trx, actor } = uow;
  const updated = await trx
    .updateTable('fact_proposals')
    .set({
      status,
      version: row.version + 1,
      decided_by: actor.userId,
      decided_by_label: actor.label,
      decided_at: new Date(),
      decision_reason: reason,
    })
    .where(systemScope('the proposal locked through childInScope just above'))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const source = {
    department: row.department,
    rollId: row.roll_id,
    asOf: row.as_of,
    fileName: row.file_name,
    row: row.row_number,
  };
  await recordTimeline(trx, actor, {
    childId: row.child_id,
    kind: `fact.${status}`,
    reason,
    entityType: 'fact_proposal',
    entityId: row.id,
    after: row.fact as unknown as Record<string, unknown>,
    details: source,
  });
  uow.audit({ entityType: 'fact_proposal', entityId: row.id, childId: row.child_id, details: { status, ...source } });
  return proposalOf({ ...row, ...updated }, null);
}

/**
 * Accepting writes the fact through the registry's own use case in this unit of work, at the
 * version of the file (or family member) the reviewer saw: a stale one is a 409 and nothing is
 * written. The registry re-proposes categories from the new facts; those newly proposed are returned.
 */
export async function acceptProposal(
  db: Db,
  actor: Actor,
  id: string,
  input: AcceptInput,
  today = shanghaiDateOf(new Date()),
): Promise<DecisionAnswer> {
  const { result } = await unitOfWork(db, actor, 'rolls.accept', (uow) => acceptProposalIn(uow, id, input, today));
  return result;
}

/** Accepting inside the caller's unit of work (the demo decides as its people). */
export async function acceptProposalIn(
  uow: UnitOfWork,
  id: string,
  input: AcceptInput,
  today: string,
): Promise<DecisionAnswer> {
  const { actor } = uow;
  const row = await lockProposal(uow, id, input.version);
  const fact = row.fact;
  const level = row.match?.level ?? 'certain';
  if ((level === 'weak' || level === 'ambiguous') && !input.matchConfirmed)
    throw new DomainError('rolls.match_unconfirmed', 409, {
      level: translate(actor.locale, `rolls.level.${level}`),
    });
  const reason = translate(actor.locale, 'rolls.reason', {
    department: translate(actor.locale, `rolls.department.${row.department}`),
    asOf: row.as_of,
    fileName: row.file_name,
    row: row.row_number,
  });
  const before = await childFileIn(uow, row.child_id);
  const proposedBefore = new Set(before.categories.filter((c) => c.state === 'proposed').map((c) => c.category));
  if (fact.kind === 'imprisonment' || fact.kind === 'drug_rehabilitation' || fact.kind === 'death')
    await addMemberSituationIn(
      uow,
      fact.memberId,
      {
        version: input.targetVersion,
        situation:
          fact.kind === 'death'
            ? { kind: 'deceased', since: fact.since }
            : {
                kind: fact.kind === 'imprisonment' ? 'imprisoned' : 'drug_rehabilitation',
                since: fact.since,
                until: fact.until,
                place: fact.place,
              },
        reason,
        // A release list closes the parent's open imprisonment (or rehabilitation) on its end date.
        closesOpen: fact.kind !== 'death',
      },
      today,
    );
  else
    await updateChildFieldsIn(
      uow,
      row.child_id,
      {
        version: input.targetVersion,
        fields:
          fact.kind === 'dibao_tekun'
            ? { householdBenefits: householdBenefitsAfter(before.householdBenefits, fact) }
            : fieldsOf(fact),
        reason,
        details: { department: row.department, rollId: row.roll_id, row: row.row_number },
      },
      today,
    );
  const after = await childFileIn(uow, row.child_id);
  const categoriesProposed = after.categories
    .filter((c) => c.state === 'proposed' && !proposedBefore.has(c.category))
    .map((c) => c.category);
  const proposal = await decided(uow, row, 'accepted', null);
  const othersRejected =
    level === 'ambiguous' && !personRollKinds.includes(row.kind) ? await rejectOthers(uow, row) : 0;
  return {
    proposal,
    categoriesProposed,
    benefitsProposed: await benefitsOfCategories(uow, row.child_id, categoriesProposed, today),
    othersRejected,
    ...(await followBenefitsIn(uow, row, reason, new Date())),
  };
}

/**
 * An ambiguous row's other candidates once a person chose this child: the row is one child, so the
 * others' proposals are rejected with that reason (each on its own file's timeline).
 */
async function rejectOthers(uow: UnitOfWork, chosen: ProposalRow): Promise<number> {
  const others = await uow.trx
    .selectFrom('fact_proposals')
    .innerJoin('children', 'children.id', 'fact_proposals.child_id')
    .select('fact_proposals.id')
    .where(childInScope(uow.actor))
    .where('fact_proposals.roll_id', '=', chosen.roll_id)
    .where('fact_proposals.row_number', '=', chosen.row_number)
    .where('fact_proposals.id', '!=', chosen.id)
    .where('fact_proposals.status', '=', 'proposed')
    .execute();
  const reason = translate(uow.actor.locale, 'rolls.other_candidate_chosen');
  for (const other of others) await decided(uow, await lockProposal(uow, other.id, null), 'rejected', reason);
  return others.length;
}

/** Rejecting keeps the proposal and its source with the reason; the file is not touched. */
export async function rejectProposal(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
): Promise<DecisionAnswer> {
  const { result } = await unitOfWork(db, actor, 'rolls.reject', (uow) => rejectProposalIn(uow, id, input));
  return result;
}

export async function rejectProposalIn(
  uow: UnitOfWork,
  id: string,
  input: { version: number; reason: string },
): Promise<DecisionAnswer> {
  const row = await lockProposal(uow, id, input.version);
  return {
    proposal: await decided(uow, row, 'rejected', input.reason),
    categoriesProposed: [],
    benefitsProposed: [],
    othersRejected: 0,
    applicationsOpened: [],
    reviewsOpened: [],
  };
}
