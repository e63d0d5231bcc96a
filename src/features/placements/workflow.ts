import { defineWorkflow } from '../../core/workflow/definition.js';
import { placementEffects } from './effects.js';
import {
  type PlacementAction,
  type PlacementActionType,
  placementActionSchema,
  type PlacementStatus,
} from './model.js';
import { placementStatusTable } from './rules.js';
import { readPlacement } from './view.js';
import './messages.js';
import './error-details.js';

export interface PlacementFields {
  kind: string;
  legalBasis: string;
  organisationId: string | null;
  divisionCode: string;
  startedAt: Date;
}

/** A request on an episode; `place` is recorded by the system when the episode starts. */
export type PlacementRequest = PlacementAction | { type: 'place'; expectedSeq: number };

const payloads = Object.fromEntries(placementActionSchema.options.map((option) => [option.shape.type.value, option]));

/**
 * The placement workflow: the status table (rules.ts), where its log lives, each action's payload
 * and effects. `core/workflow` runs it: scope lock, expected version, fold, four eyes, 409s,
 * timeline, audit.
 */
export const placementWorkflow = defineWorkflow<
  PlacementStatus,
  PlacementActionType,
  PlacementRequest,
  PlacementFields
>({
  ...placementStatusTable,
  name: 'placements',
  entity: 'placement',
  log: {
    subjects: 'placements',
    actions: 'placement_actions',
    subjectKey: 'placement_id',
    fields: (row) => ({
      kind: String(row.kind),
      legalBasis: String(row.legal_basis),
      organisationId: (row.organisation_id as string | null) ?? null,
      divisionCode: String(row.division_code),
      startedAt: row.started_at as Date,
    }),
  },
  payloads,
  effects: placementEffects,
  present: async (trx, actor, id) => readPlacement(trx, actor, id),
});
