import { z } from 'zod';
import { categoryCodes } from '../registry/vocabulary.js';
import {
  endReasons,
  guardianshipTypes,
  handoverDocuments,
  institutionKinds,
  legalBases,
  placementActionTypes,
  placementClockRules,
  placementKinds,
  placementStatuses,
  stayBands,
  userPlacementActions,
} from './vocabulary.js';

/* What the placements API answers. Timestamps are ISO strings. Pure. */

/** How a child is counted in the §4.2.1 numbers: each confirmed category, or unidentified, or none. */
export const childKinds = [...categoryCodes, 'unidentified', 'uncategorised'] as const;
export type ChildKind = (typeof childKinds)[number];

const organisationRef = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const handoverViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  belongings: z.array(z.string()),
  documents: z.array(z.enum(handoverDocuments)),
  notes: z.string().nullable(),
});

export const placementClockSchema = z.object({
  rule: z.enum(placementClockRules),
  state: z.enum(['running', 'met', 'missed', 'paused']),
  startedAt: z.string(),
  dueAt: z.string(),
  stoppedAt: z.string().nullable(),
  escalationLevel: z.number().int(),
  overdue: z.boolean(),
});

export const placementActionViewSchema = z.object({
  seq: z.number().int(),
  type: z.enum(placementActionTypes),
  statusAfter: z.enum(placementStatuses),
  actorLabel: z.string(),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const placementViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  seq: z.number().int(),
  status: z.enum(placementStatuses),
  kind: z.enum(placementKinds),
  organisation: organisationRef.nullable(),
  carer: z.object({ name: z.string(), relationship: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  legalBasis: z.enum(legalBases),
  guardian: z.object({
    type: z.enum(guardianshipTypes),
    name: z.string().nullable(),
    organisation: organisationRef.nullable(),
  }),
  reason: z.string(),
  handover: handoverViewSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.enum([...endReasons, 'transferred', 'escorted_home']).nullable(),
  /** Whole days since the start (until the end for an ended episode). */
  days: z.number().int(),
  overCapacity: z.object({ reason: z.string(), occupancy: z.number().int(), beds: z.number().int() }).nullable(),
  caseId: z.string().nullable(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
  childKinds: z.array(z.enum(childKinds)),
  clocks: z.array(placementClockSchema),
  actions: z.array(placementActionViewSchema),
  allowedActions: z.array(z.enum(userPlacementActions)),
});
export type PlacementView = z.infer<typeof placementViewSchema>;

export const placementSummarySchema = placementViewSchema.pick({
  id: true,
  status: true,
  kind: true,
  organisation: true,
  legalBasis: true,
  startedAt: true,
  endedAt: true,
  endReason: true,
  days: true,
});
export type PlacementSummary = z.infer<typeof placementSummarySchema>;

/** The answer to an action: the episode as the asker now sees it, or null once the hand-over took the child out of their scope. */
export const actedOnPlacementSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  status: z.enum(placementStatuses),
  placement: placementViewSchema.nullable(),
});
export type ActedOnPlacement = z.infer<typeof actedOnPlacementSchema>;

/** The top of the child's file: where the child is now and under whose care, and the episodes before. */
export const childPlacementSchema = z.object({
  childId: z.string(),
  current: placementViewSchema.nullable(),
  history: z.array(placementSummarySchema),
  /** The asker may place the child now (no current placement, and the permission). */
  canPlace: z.boolean(),
});
export type ChildPlacement = z.infer<typeof childPlacementSchema>;

export const institutionOccupancySchema = z.object({
  organisation: organisationRef.extend({ divisionCode: z.string(), placementKind: z.enum(institutionKinds) }),
  beds: z.number().int().nullable(),
  occupancy: z.number().int(),
  free: z.number().int().nullable(),
  /** Children above the bed count (placed with a recorded reason). */
  overflow: z.number().int(),
  /** Children past the stay limit, waiting for an extension or a transfer. */
  waiting: z.number().int(),
  extensionsRequested: z.number().int(),
  byStay: z.record(z.enum(stayBands), z.number().int()),
  averageStayDays: z.number().nullable(),
});

export const occupancySchema = z.object({
  asOf: z.string(),
  institutions: z.array(institutionOccupancySchema),
});
export type Occupancy = z.infer<typeof occupancySchema>;

const range = {
  from: z.iso.date({ error: 'placements.date_format' }),
  to: z.iso.date({ error: 'placements.date_format' }),
};
export const periodQuerySchema = z.object(range);
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

export const occupancyHistorySchema = z.object({
  ...range,
  institutions: z.array(
    z.object({
      organisation: organisationRef,
      beds: z.number().int().nullable(),
      /** Children there at the end of each day (Beijing time), from `from` to `to`. */
      days: z.array(z.object({ date: z.string(), occupancy: z.number().int() })),
    }),
  ),
});
export type OccupancyHistory = z.infer<typeof occupancyHistorySchema>;

/** §4.2.1: which institution received which kind of child, and for how long. */
export const receptionsSchema = z.object({
  ...range,
  rows: z.array(
    z.object({
      organisation: organisationRef,
      childKind: z.enum(childKinds),
      received: z.number().int(),
      stillThere: z.number().int(),
      averageStayDays: z.number().nullable(),
      longestStayDays: z.number().int().nullable(),
    }),
  ),
  /** Children of the same kind received by institutions of different kinds (the "one team, two brands" overlap). */
  overlaps: z.array(z.object({ childKind: z.enum(childKinds), institutionKinds: z.array(z.enum(institutionKinds)) })),
});
export type Receptions = z.infer<typeof receptionsSchema>;
