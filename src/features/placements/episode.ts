import { randomUUID } from 'node:crypto';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { startClock } from '../../core/clocks/index.js';
import { grantParticipation } from '../../core/scope/participation.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import { initialState } from '../../core/workflow/rules.js';
import { isInstitutionKind, organisationKindOf, type PlaceValues } from './model.js';
import { placementRules } from './rule-sections.js';
import { placementStatusTable } from './rules.js';
import {
  caseOfChild,
  childKindsOf,
  lockedOccupancy,
  nearestOrganisation,
  organisationById,
  type ScopedChild,
} from './store.js';
import { placementWorkflow } from './workflow.js';

type Field = string;

const problem = (code: string, status: number, field: Field, params: Record<string, string | number>) =>
  new DomainError(code, status, { field, ...params }, [{ path: field, code, params }]);

export interface EpisodeStart {
  child: ScopedChild;
  input: Omit<PlaceValues, 'startedAt'>;
  startedAt: Date;
  /** When the action is recorded (clocks start then). */
  at: Date;
  /** Where the body's fields are (`body` or `body.next`), for the field problems. */
  path: string;
  previous?: { id: string; kind: string };
}

/**
 * Starts one episode: checks the institution (its kind, its beds: a full one only with a recorded
 * reason), inserts the row — the exclusion constraint refuses an overlap, even one a concurrent
 * transaction is about to commit — records `place`, gives the institution the child's file
 * (participation, basis placement) and starts the clocks: the stay limit at a rescue station, the
 * quarterly follow-up for a child returned home from an institution.
 */
export async function beginEpisode(uow: UnitOfWork, start: EpisodeStart): Promise<string> {
  const { trx, actor } = uow;
  const { child, input, path } = start;
  let organisation: Awaited<ReturnType<typeof organisationById>>;
  let occupancy: number | null = null;
  if (input.organisationId) {
    organisation = await organisationById(trx, input.organisationId);
    if (!organisation?.active)
      throw problem('placements.organisation_unknown', 400, `${path}.organisationId`, { id: input.organisationId });
  }
  if (isInstitutionKind(input.kind)) {
    if (!organisation)
      throw problem('placements.organisation_required', 400, `${path}.organisationId`, { kind: input.kind });
    if (organisation.kind !== organisationKindOf[input.kind])
      throw problem('placements.organisation_kind', 400, `${path}.organisationId`, {
        kind: input.kind,
        name: organisation.name,
      });
    occupancy = await lockedOccupancy(trx, organisation.id);
    const beds = organisation.beds;
    if (beds !== null && occupancy >= beds && !input.overCapacityReason)
      throw new DomainError(
        'placements.institution_full',
        409,
        { name: organisation.name, occupancy, beds },
        { organisationId: organisation.id, occupancy, beds },
      );
  }
  if (input.guardian.organisationId && !(await organisationById(trx, input.guardian.organisationId)))
    throw problem('placements.organisation_unknown', 400, `${path}.guardian.organisationId`, {
      id: input.guardian.organisationId,
    });
  if (input.caseId && !(await caseOfChild(trx, input.caseId, child.id)))
    throw problem('placements.case_unknown', 400, `${path}.caseId`, { id: input.caseId });

  const full = organisation && organisation.beds !== null && occupancy !== null && occupancy >= organisation.beds;
  const id = randomUUID();
  await trx
    .insertInto('placements')
    .values({
      id,
      child_id: child.id,
      kind: input.kind,
      organisation_id: organisation?.id ?? null,
      carer: JSON.stringify(input.carer ?? null),
      legal_basis: input.legalBasis,
      guardianship_type: input.guardian.type,
      guardian_name: input.guardian.name ?? null,
      guardian_organisation_id: input.guardian.organisationId ?? null,
      reason: input.reason,
      handover: JSON.stringify({ ...input.handover, notes: input.handover.notes ?? null }),
      child_kinds: await childKindsOf(trx, child),
      division_code: child.residenceCode,
      case_id: input.caseId ?? null,
      previous_id: start.previous?.id ?? null,
      over_capacity_reason: full ? (input.overCapacityReason ?? null) : null,
      occupancy_at_start: full ? occupancy : null,
      beds_at_start: full ? (organisation?.beds ?? null) : null,
      started_at: start.startedAt,
    })
    .execute()
    .catch((error: unknown) => {
      throw overlapProblem(error);
    });
  await recordSystemAction(
    uow,
    placementWorkflow,
    { id, childId: child.id, state: initialState(placementStatusTable) },
    { type: 'place', payload: { ...input, startedAt: start.startedAt.toISOString() }, at: start.at },
  );
  if (organisation)
    await grantParticipation(trx, {
      childId: child.id,
      organisationId: organisation.id,
      basis: 'placement',
      basisId: id,
    });

  const rules = await ruleSetFor(trx, child.residenceCode, shanghaiDateOf(start.at));
  const config = rules.get(placementRules);
  const clock = { subjectType: 'placement' as const, subjectId: id, childId: child.id, caseId: input.caseId ?? null };
  if (input.kind === 'rescue_station' && organisation)
    await startClock(trx, rules, {
      ...clock,
      rule: 'placement.rescue_station_stay',
      ownerOrgId: organisation.id,
      divisionCode: child.residenceCode,
      startedAt: start.startedAt,
      duration: { days: config.rescueStationStayDays },
    });
  if (input.kind === 'home' && start.previous && isInstitutionKind(start.previous.kind) && config.followUps > 0) {
    const owner = (await nearestOrganisation(trx, 'civil_affairs_bureau', child.residenceCode)) ?? actor.organisationId;
    if (owner)
      await startClock(trx, rules, {
        ...clock,
        rule: 'placement.follow_up',
        ownerOrgId: owner,
        divisionCode: child.residenceCode,
        startedAt: start.startedAt,
        duration: { days: config.followUpEveryDays },
      });
  }
  uow.audit({
    entityType: 'placement',
    entityId: id,
    childId: child.id,
    details: { kind: input.kind, organisationId: organisation?.id ?? null, previousId: start.previous?.id ?? null },
  });
  return id;
}

/** The exclusion constraint's refusal: another episode of the child covers part of this one. */
export function overlapProblem(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
  if (code === '23P01') return new DomainError('placements.overlap', 409);
  return error;
}
