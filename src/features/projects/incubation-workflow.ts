import type { IncubationActionInput } from '../../contract/projects/incubation.js';
import {
  type IncubationActionType,
  type IncubationStatus,
  incubationActionSchema,
  incubationStatuses,
} from '../../contract/projects/incubation.js';
import type { ActionEffect, Subject } from '../../core/workflow/definition.js';
import { defineWorkflow } from '../../core/workflow/definition.js';
import { defineStatusTable } from '../../core/workflow/rules.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { incubationVisibleTo } from './access.js';
import { refuse } from './guards.js';
import { readIncubation } from './incubation-views.js';
import './messages.js';
import './tables.js';

/**
 * Invariant 3: an incubation's status is a fold over its log. The county's civil-affairs officer
 * starts it, records milestones and support while it lasts, and closes it: registered as a social
 * organisation, or ended. Pure.
 */
export const incubationStatusTable = defineStatusTable<IncubationStatus, IncubationActionType>({
  statuses: incubationStatuses,
  initial: 'incubating',
  actions: {
    start: { from: 'start', to: 'incubating', permission: 'projects.manage', system: true },
    record_milestone: { from: ['incubating'], to: 'same', permission: 'projects.manage' },
    record_support: { from: ['incubating'], to: 'same', permission: 'projects.manage' },
    register: { from: ['incubating'], to: 'registered', permission: 'projects.manage' },
    end: { from: ['incubating'], to: 'ended', permission: 'projects.manage' },
  },
});

interface IncubationFields {
  startsOn: string;
}
type Locked = Subject<IncubationStatus, IncubationActionType, IncubationFields>;
type Effect<K extends IncubationActionInput['type']> = ActionEffect<
  Locked,
  Extract<IncubationActionInput, { type: K }>
>;

/** A day recorded on an incubation lies between its start and today. */
function checkDay(subject: Locked, day: string, field: string, at: Date): void {
  if (day > shanghaiDateOf(at)) throw refuse('projects.incubation_future', `body.${field}`, { date: day });
  if (day < subject.startsOn)
    throw refuse('projects.incubation_before_start', `body.${field}`, { date: day, startsOn: subject.startsOn });
}

const milestone: Effect<'record_milestone'> = async ({ subject, input, at }) => {
  checkDay(subject, input.reachedOn, 'reachedOn', at);
  return undefined;
};

/** Seed funding carries its amount (fen); the other kinds none. */
const support: Effect<'record_support'> = async ({ subject, input, at }) => {
  checkDay(subject, input.givenOn, 'givenOn', at);
  if (input.kind === 'seed_funding' && input.amountFen === undefined)
    throw refuse('projects.incubation_funding_amount', 'body.amountFen');
  if (input.kind !== 'seed_funding' && input.amountFen !== undefined)
    throw refuse('projects.incubation_amount_only_funding', 'body.amountFen');
  return undefined;
};

const register: Effect<'register'> = async ({ subject, input, at }) => {
  checkDay(subject, input.registeredOn, 'registeredOn', at);
  return undefined;
};

const end: Effect<'end'> = async ({ subject, input, at }) => {
  checkDay(subject, input.endedOn, 'endedOn', at);
  return undefined;
};

const payloads = Object.fromEntries(incubationActionSchema.options.map((option) => [option.shape.type.value, option]));

/** The incubation workflow: no child, so no timeline; who may act is who may read (the county's officers). */
export const incubationWorkflow = defineWorkflow<
  IncubationStatus,
  IncubationActionType,
  IncubationActionInput | { type: 'start'; expectedSeq: number },
  IncubationFields
>({
  ...incubationStatusTable,
  name: 'incubation',
  entity: 'incubation',
  log: {
    subjects: 'incubations',
    actions: 'incubation_actions',
    subjectKey: 'incubation_id',
    fields: (row) => ({ startsOn: String(row.starts_on) }),
    visibleTo: (trx, actor) => trx.selectFrom('incubations').select('incubations.id').where(incubationVisibleTo(actor)),
  },
  payloads,
  effects: { record_milestone: milestone, record_support: support, register, end },
  present: (trx, actor, id) => readIncubation(trx, actor, id).catch(() => undefined),
});
