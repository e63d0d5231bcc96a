import { z } from 'zod';
import { divisionLevels, isDivisionCode } from '../divisions/codes.js';

export const countDimensions = ['category', 'risk'] as const;
export type CountDimension = (typeof countDimensions)[number];

export const registryCountsQuerySchema = z.object({
  within: z.string().trim().refine(isDivisionCode, { error: 'insight.within_invalid' }),
  by: z.enum(countDimensions),
  /** The level of the rows; one below `within` when absent. */
  level: z.enum(divisionLevels).optional(),
});

export const registryCountsResultSchema = z.object({
  within: z.object({ code: z.string(), name: z.string().nullable(), level: z.enum(divisionLevels) }),
  level: z.enum(divisionLevels),
  by: z.enum(countDimensions),
  /** The columns: category codes, or risk grades from high to low then 'unassessed'. */
  values: z.array(z.string()),
  /** Counts below this (except 0) are never published: such a cell is null, and so is its complement. */
  threshold: z.number().int(),
  /** Every change to the registry committed before this moment is counted (null: never counted yet). */
  countedAt: z.string().nullable(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      /** Children recorded at a coarser place than the rows' level (e.g. at the county itself). */
      direct: z.boolean(),
      /** One per column, in the order of `values`; null where suppressed. Nothing about any one child. */
      counts: z.array(z.number().int().nullable()),
    }),
  ),
  /** Per column over all rows, null where that column's suppression would give a cell away. */
  totals: z.array(z.number().int().nullable()),
});

export type RegistryCountsQuery = z.infer<typeof registryCountsQuerySchema>;
export type RegistryCountsResult = z.infer<typeof registryCountsResultSchema>;
