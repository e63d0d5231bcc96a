import { z } from 'zod';
import { placementStatuses, userPlacementActions } from './vocabulary.js';

/* The details some placement refusals carry, so a page can show them. Pure. */

/** A full institution: occupancy and beds, so the page can warn and ask for a reason. */
export const institutionFullDetailsSchema = z.object({
  organisationId: z.string(),
  occupancy: z.number().int(),
  beds: z.number().int(),
});

export const placementActionNotAllowedDetailsSchema = z.object({
  status: z.enum(placementStatuses),
  allowedActions: z.array(z.enum(userPlacementActions)),
});
