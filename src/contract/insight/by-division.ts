import { z } from 'zod';
import { divisionLevels, isDivisionCode } from '../divisions/codes.js';

export const byDivisionQuerySchema = z.object({
  within: z.string().trim().refine(isDivisionCode, { error: 'insight.within_invalid' }),
});

const divisionLevel = z.enum(divisionLevels);

/** One division one level down. Deliberately nothing about any child: a count, or null if suppressed. */
export const divisionCountSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  /** Children recorded at the parent division itself, with no finer place. */
  direct: z.boolean(),
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
});

export const byDivisionResultSchema = z.object({
  within: z.object({ code: z.string(), name: z.string().nullable(), level: divisionLevel }),
  level: divisionLevel,
  /** 'divisions': every division below is listed, empty ones with 0; 'children': only places children live. */
  source: z.enum(['divisions', 'children']),
  /** Counts below this (except 0) are never published. */
  threshold: z.number().int(),
  total: z.number().int().nullable(),
  totalSuppressed: z.boolean(),
  cells: z.array(divisionCountSchema),
});

export type DivisionCount = z.infer<typeof divisionCountSchema>;
export type ByDivisionResult = z.infer<typeof byDivisionResultSchema>;
