import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { beginEpisode } from './episode.js';
import type { PlacementAction } from './model.js';
import { closeTracingOf } from './tracing/store.js';
import type { Locked } from './effects.js';

type Escort = Extract<PlacementAction, { type: 'escort_home' }>;

/**
 * 护送返乡: the institution's staff take the child to the family, who sign the hand-over. In the
 * same unit of work as the end of the institution's episode: the home episode starts at the
 * hand-over with the family member as carer (which starts the quarterly follow-up), and the child's
 * open tracing request is closed as escorted home.
 */
export async function escortHome(
  uow: UnitOfWork,
  subject: Locked,
  input: Escort,
  moment: Date,
  at: Date,
): Promise<{ nextId: string; tracingId: string | null }> {
  const { trx } = uow;
  const child = await trx
    .selectFrom('children')
    .where(systemScope('the child of the placement the workflow locked through childInScope'))
    .where('id', '=', subject.childId)
    .select(['id', 'residence_code', 'id_number'])
    .executeTakeFirstOrThrow();
  const { family, handover } = input;
  const nextId = await beginEpisode(uow, {
    child: { id: child.id, residenceCode: child.residence_code, identified: child.id_number !== null },
    input: {
      kind: 'home',
      organisationId: null,
      carer: { name: family.name, relationship: family.relationship, phone: family.phone ?? null },
      legalBasis: 'voluntary',
      guardian: { type: input.guardian, name: family.name },
      reason: `护送返乡 / escorted home: ${family.address}`,
      handover: {
        from: input.escorts.join('、'),
        to: `${family.name}（${family.relationship}）`,
        belongings: handover.belongings,
        documents: handover.documents,
        notes: [
          `signed by ${handover.signedBy}`,
          handover.witness ? `witness ${handover.witness}` : null,
          handover.notes ?? null,
        ]
          .filter(Boolean)
          .join('; '),
      },
      caseId: null,
    },
    startedAt: moment,
    at,
    path: 'body',
    previous: { id: subject.id, kind: subject.kind },
  });
  const tracingId = await closeTracingOf(trx, subject.childId, 'escorted_home', moment, null);
  return { nextId, tracingId: tracingId ?? null };
}
