import { z } from 'zod';
import { placeLevels } from '../../core/clocks/index.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Placement deadlines and authority (DOMAIN.md §4): a rescue-station stay of 10 days, longer only
 * with an extension approved by civil affairs at the station's level or above; a child returned
 * home from an institution is followed up at least quarterly, four times by default.
 */
export const placementRules = ruleSection(
  'placements',
  z.object({
    rescueStationStayDays: z.number().int().min(1).max(365).default(10),
    followUpEveryDays: z.number().int().min(7).max(366).default(90),
    followUps: z.number().int().min(0).max(24).default(4),
    /** A tracing request open longer than this shows as overdue in the station's work. */
    tracingOpenDays: z.number().int().min(1).max(3650).default(30),
    extensionApprover: z
      .object({
        /** The organisation kind whose staff approve (with `placements.approve`). */
        kind: z.string().min(1).max(64).default('civil_affairs_bureau'),
        /** The lowest level that may approve: the approver's place must contain the station and be at least this high. */
        lowestPlace: z.enum(Object.keys(placeLevels) as [keyof typeof placeLevels]).default('county'),
      })
      .prefault({}),
  }),
);
export type PlacementRules = z.output<typeof placementRules.schema>;
