import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { startClock } from '../../core/clocks/index.js';
import { caseRules } from './rule-sections.js';
import { addCaseOrganisation, organisationExists, removeCaseOrganisation, type LockedCase } from './store.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Trx = Transaction<Database>;

export interface Placement {
  kind: string;
  organisationId?: string | null | undefined;
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
  trx: Trx,
  rules: RuleSet,
  kase: LockedCase,
  placement: Placement | null | undefined,
  at: Date,
): Promise<void> {
  if (!placement) return;
  const previous = await currentPlacementOrganisation(trx, kase.id);
  const next = placement.organisationId ?? null;
  if (next) {
    if (!(await organisationExists(trx, next)))
      throw new DomainError('cases.organisation_unknown', 400, { id: next }, [
        { path: 'body.placement.organisationId', code: 'cases.organisation_unknown' },
      ]);
    await addCaseOrganisation(trx, kase, next, next === kase.leadOrgId ? 'lead' : 'participant', at);
    if (placement.kind === 'rescue_station') {
      await startClock(trx, rules, {
        rule: 'placement.rescue_station_stay',
        ownerOrgId: next,
        subjectType: 'case',
        subjectId: kase.id,
        caseId: kase.id,
        childId: kase.childId,
        divisionCode: kase.divisionCode,
        startedAt: at,
        duration: { days: rules.get(caseRules).rescueStationStayDays },
      });
    }
  }
  if (
    previous &&
    previous !== next &&
    previous !== kase.leadOrgId &&
    !(await worksCaseOtherwise(trx, kase.id, previous))
  ) {
    await removeCaseOrganisation(trx, kase.id, previous, at);
  }
}
