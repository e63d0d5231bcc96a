import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { actOnPlacementIn, currentPlacementIn, placeChildIn } from '../placements/service.js';
import { addCaseOrganisation, organisationExists, removeCaseOrganisation, type LockedCase } from './store.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Trx = Transaction<Database>;

export interface Placement {
  kind: string;
  organisationId?: string | null | undefined;
  where?: string;
  why?: string;
}

/** The legal ground of the action that placed the child, as the placements feature records it. */
export type PlacementGround = 'emergency' | 'temporary_state_guardianship' | 'long_term_state_guardianship';

/** A case's placement words in the placements feature's (issue 16: one placement record per child). */
const kindInPlacements = {
  relative: 'kinship_care',
  foster_family: 'foster_family',
  village_committee: 'entrusted_care',
  rescue_station: 'rescue_station',
  minor_protection_centre: 'protection_centre',
  welfare_home: 'welfare_home',
} as const;
const guardianOf = {
  emergency: 'parents',
  temporary_state_guardianship: 'state_temporary',
  long_term_state_guardianship: 'state_long_term',
} as const;

/**
 * The child's placement goes to the placements feature: a first placement is placed, a child
 * already placed is transferred (one action ending the episode and starting the next; the stay
 * clock and the institution's access are the placement's). A placement where the child already is
 * records nothing new.
 */
async function placeThroughPlacements(
  uow: UnitOfWork,
  kase: LockedCase,
  placement: Placement,
  ground: PlacementGround,
  at: Date,
): Promise<void> {
  const kind = kindInPlacements[placement.kind as keyof typeof kindInPlacements];
  if (!kind) return;
  const organisationId = placement.organisationId ?? null;
  const current = await currentPlacementIn(uow, kase.childId);
  if (current && current.kind === kind && (current.organisation?.id ?? null) === organisationId) return;
  const next = {
    kind,
    organisationId,
    carer: null,
    legalBasis: ground,
    guardian: { type: guardianOf[ground] },
    reason: placement.why ?? kase.caseNo,
    handover: { from: kase.caseNo, to: placement.where ?? kase.caseNo, belongings: [], documents: [] },
    overCapacityReason: null,
  };
  if (current) await actOnPlacementIn(uow, current.id, { type: 'transfer', expectedSeq: current.seq, next }, at);
  else await placeChildIn(uow, kase.childId, { ...next, caseId: kase.id }, at);
}

/** The placement an action recorded, if it recorded one (emergency response, state guardianship). */
export function placementOf(type: string, payload: Record<string, unknown>): Placement | undefined {
  const placement =
    type === 'emergency_response'
      ? payload.placement
      : type === 'guardianship_intervention'
        ? (payload.intervention as { placement?: unknown } | undefined)?.placement
        : undefined;
  return placement && typeof placement === 'object' ? (placement as Placement) : undefined;
}

async function currentPlacementOrganisation(trx: Trx, caseId: string): Promise<string | null> {
  const actions = await trx
    .selectFrom('case_actions')
    .where(systemScope('the case the workflow locked through childInScope'))
    .select(['type', 'payload'])
    .where('case_id', '=', caseId)
    .where('type', 'in', ['emergency_response', 'guardianship_intervention'])
    .orderBy('seq', 'desc')
    .execute();
  for (const action of actions) {
    const placement = placementOf(action.type, action.payload);
    if (placement) return placement.organisationId ?? null;
  }
  return null;
}

/** Added to the case for another reason than holding the child: by name, or responsible in a plan. */
async function worksCaseOtherwise(trx: Trx, caseId: string, organisationId: string): Promise<boolean> {
  const responsible = JSON.stringify([{ responsibleOrgId: organisationId }]);
  const row = await sql<{ found: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM case_actions
      WHERE case_id = ${caseId}
        AND ((type = 'add_participant' AND payload->>'organisationId' = ${organisationId})
          OR (type = 'assistance_plan' AND (payload->'goals' @> ${responsible}::jsonb OR payload->'benefitTasks' @> ${responsible}::jsonb)))
    ) AS found`.execute(trx);
  return row.rows[0]?.found ?? false;
}

/**
 * A placement brings the receiving organisation onto the case. When the child moves on, the
 * organisation that held it before leaves the case and its scope over the child ends (issue 12:
 * a rescue station kept the file after the transfer) — unless it leads the case or works it for
 * another reason.
 */
export async function placementEffects(
  uow: UnitOfWork,
  kase: LockedCase,
  placement: Placement | null | undefined,
  ground: PlacementGround,
  at: Date,
): Promise<void> {
  if (!placement) return;
  const { trx } = uow;
  const previous = await currentPlacementOrganisation(trx, kase.id);
  const next = placement.organisationId ?? null;
  if (next) {
    if (!(await organisationExists(trx, next)))
      throw new DomainError('cases.organisation_unknown', 400, { id: next }, [
        { path: 'body.placement.organisationId', code: 'cases.organisation_unknown' },
      ]);
    await addCaseOrganisation(trx, kase, next, next === kase.leadOrgId ? 'lead' : 'participant', at);
  }
  await placeThroughPlacements(uow, kase, placement, ground, at);
  if (
    previous &&
    previous !== next &&
    previous !== kase.leadOrgId &&
    !(await worksCaseOtherwise(trx, kase.id, previous))
  ) {
    await removeCaseOrganisation(trx, kase.id, previous, at);
  }
}
