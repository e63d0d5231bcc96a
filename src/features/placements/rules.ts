import { defineStatusTable, type WorkflowState } from '../../core/workflow/rules.js';
import { isWithin, subtreePrefix } from '../../core/places.js';
import { placeLevels } from '../../core/clocks/rule-sections.js';
import type { PlacementActionType, PlacementStatus, StayBand } from './model.js';

/**
 * The episode's status table: current → (extension requested → current)* → ended. A transfer ends
 * the episode and starts the next one in the same unit of work; `place` opens every log.
 */
export const placementStatusTable = defineStatusTable<PlacementStatus, PlacementActionType>({
  statuses: ['current', 'extension_requested', 'ended'],
  initial: 'current',
  actions: {
    place: { from: 'start', to: 'current', permission: 'placements.act', system: true },
    request_extension: { from: ['current'], to: 'extension_requested', permission: 'placements.act' },
    approve_extension: {
      from: ['extension_requested'],
      to: 'current',
      permission: 'placements.approve',
      fourEyes: { of: 'request_extension', refusal: 'placements.own_extension' },
    },
    reject_extension: { from: ['extension_requested'], to: 'current', permission: 'placements.approve' },
    transfer: { from: ['current', 'extension_requested'], to: 'ended', permission: 'placements.act' },
    end: { from: ['current', 'extension_requested'], to: 'ended', permission: 'placements.act' },
    follow_up: { from: ['current'], to: 'same', permission: 'placements.act' },
    assess_return_home: { from: ['current', 'extension_requested'], to: 'same', permission: 'placements.act' },
    escort_home: { from: ['current', 'extension_requested'], to: 'ended', permission: 'placements.act' },
  },
});

export type PlacementState = WorkflowState<PlacementStatus, PlacementActionType>;

const dayMs = 86_400_000;

/** Whole days from start to end (or to `asOf` while the episode lasts). */
export function daysOfStay(startedAt: Date, endedAt: Date | null, asOf: Date): number {
  const until = endedAt ?? asOf;
  return Math.max(0, Math.floor((until.getTime() - startedAt.getTime()) / dayMs));
}

export function stayBandOf(days: number): StayBand {
  if (days <= 10) return 'up_to_10';
  if (days <= 30) return 'up_to_30';
  if (days <= 90) return 'up_to_90';
  if (days <= 365) return 'up_to_365';
  return 'over_365';
}

/**
 * Whether an organisation may approve a longer stay at a rescue station: of the approving kind, at
 * the lowest allowed level or above, and its place contains the station's place.
 */
export function mayApproveExtension(
  approver: { kind: string; divisionCode: string } | null,
  stationDivision: string,
  rule: { kind: string; lowestPlace: keyof typeof placeLevels },
): boolean {
  if (!approver || approver.kind !== rule.kind) return false;
  if (subtreePrefix(approver.divisionCode).length > placeLevels[rule.lowestPlace]) return false;
  return isWithin(stationDivision, approver.divisionCode);
}
