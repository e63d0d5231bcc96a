import type { Kysely } from 'kysely';
import type { ApplyFromProposal } from '../../contract/department-rolls/rolls.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { applyForBenefitIn } from '../benefits/service.js';
import { lockProposal } from './proposals.js';
import './messages.js';

/**
 * Opens a benefit application for the child of an accepted proposal, received on the date the
 * person gives, with the roll as the note; a proposal not accepted is a 409. The benefits
 * feature refuses what it always refuses (a second open application, a child outside my scope).
 */
export async function applyFromProposal(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: ApplyFromProposal,
  now = new Date(),
): Promise<{ applicationId: string }> {
  const { result } = await unitOfWork(db, actor, 'rolls.apply', async (uow) => {
    const row = await lockProposal(uow, id, null);
    if (row.status !== 'accepted')
      throw new DomainError('rolls.apply_needs_accepted', 409, {
        status: translate(actor.locale, `rolls.status.${row.status}`),
      });
    const note = translate(actor.locale, 'rolls.reason', {
      department: translate(actor.locale, `rolls.department.${row.department}`),
      asOf: row.as_of,
      fileName: row.file_name,
      row: row.row_number,
    });
    const applicationId = await applyForBenefitIn(
      uow,
      {
        childId: row.child_id,
        benefitType: input.benefitType,
        receivedOn: input.receivedOn,
        applicantKind: input.applicantKind,
        applicantName: input.applicantName,
        ...(input.applicantRelation ? { applicantRelation: input.applicantRelation } : {}),
        documents: [],
        note,
      },
      now,
    );
    uow.audit({
      entityType: 'fact_proposal',
      entityId: row.id,
      childId: row.child_id,
      details: { applicationId, benefitType: input.benefitType },
    });
    return { applicationId };
  });
  return result;
}
