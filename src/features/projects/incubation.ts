import type { Kysely } from 'kysely';
import type {
  IncubationActionInput,
  IncubationView,
  StartIncubationInput,
} from '../../contract/projects/incubation.js';
import { performAction, recordSystemAction } from '../../core/workflow/perform.js';
import { initialState } from '../../core/workflow/rules.js';
import { hasPermission } from '../../platform/access/actor.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { inJurisdiction } from './access.js';
import { refuse } from './guards.js';
import { incubationWorkflow } from './incubation-workflow.js';
import { readIncubation } from './incubation-views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
const idem = (key: string | undefined, prefix: string, request: unknown) =>
  key ? { key: `${prefix}:${key}`, request } : undefined;

/**
 * The county's civil-affairs officer records an organisation entering incubation (§4.3.1): the
 * incubator, the period planned, the county it will serve (inside the officer's jurisdiction).
 */
export async function startIncubationIn(uow: UnitOfWork, input: StartIncubationInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'projects.manage')) throw forbidden('projects.manage');
  if (!actor.organisationId) throw new DomainError('projects.needs_organisation', 400);
  if (input.plannedEndOn < input.startsOn)
    throw refuse('projects.period_reversed', 'body.plannedEndOn', {
      startsOn: input.startsOn,
      endsOn: input.plannedEndOn,
    });
  if (!inJurisdiction(actor, input.divisionCode))
    throw refuse('projects.area_outside', 'body.divisionCode', { code: input.divisionCode });
  const division = await trx
    .selectFrom('divisions')
    .select('code')
    .where('code', '=', input.divisionCode)
    .executeTakeFirst();
  if (!division) throw refuse('projects.area_unknown', 'body.divisionCode', { code: input.divisionCode });
  const { id } = await trx
    .insertInto('incubations')
    .values({
      name: input.name,
      incubator: input.incubator,
      division_code: input.divisionCode,
      starts_on: input.startsOn,
      planned_end_on: input.plannedEndOn,
      services: input.services,
      note: input.note ?? null,
      owner_org_id: actor.organisationId,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordSystemAction(
    uow,
    incubationWorkflow,
    { id, childId: null, state: initialState(incubationWorkflow) },
    { type: 'start', payload: { name: input.name, incubator: input.incubator, startsOn: input.startsOn }, at },
  );
  uow.audit({ entityType: 'incubation', entityId: id, details: { divisionCode: input.divisionCode } });
  return id;
}

export async function startIncubation(
  db: Db,
  actor: Actor,
  input: StartIncubationInput,
  key?: string,
): Promise<{ view: IncubationView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'incubation.start',
    (uow) => startIncubationIn(uow, input, new Date()),
    idem(key, 'incubation', input),
  );
  return { view: await readIncubation(db, actor, result), replayed };
}

/** A milestone, support given, or the outcome (registered / ended); send the seq read (stale → 409). */
export async function actOnIncubationIn(
  uow: UnitOfWork,
  id: string,
  input: IncubationActionInput,
  at: Date,
): Promise<void> {
  await performAction(uow, incubationWorkflow, id, input, at);
}

export async function actOnIncubation(
  db: Db,
  actor: Actor,
  id: string,
  input: IncubationActionInput,
  key?: string,
): Promise<{ view: IncubationView; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `incubation.${input.type}`,
    (uow) => actOnIncubationIn(uow, id, input, new Date()),
    idem(key, `incubation-action:${id}`, input),
  );
  return { view: await readIncubation(db, actor, id), replayed };
}
