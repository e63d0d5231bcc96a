import { z } from 'zod';
import { divisionLevels } from '../divisions/codes.js';

export const divisionLevelSchema = z.enum(divisionLevels);

export const divisionRefSchema = z.object({
  code: z.string().meta({ example: '421002000000' }),
  name: z.string().meta({ example: '沙市区' }),
  level: divisionLevelSchema,
});

export const divisionNodeSchema = divisionRefSchema.extend({
  /** The name without a village or residents' committee title (相思岭村委会 → 相思岭村). */
  shortName: z.string(),
  hasChildren: z.boolean(),
});

export const childrenResponseSchema = z.object({
  /** null when listing the provinces. */
  parent: divisionRefSchema.nullable(),
  items: z.array(divisionNodeSchema),
});

export const historyEntrySchema = z.object({
  name: z.string(),
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
});

export const divisionDetailSchema = divisionNodeSchema.extend({
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  /** Set when a later dataset no longer lists the code (exclusive end). */
  validTo: z.string().nullable(),
  successorCode: z.string().nullable(),
  current: z.boolean(),
  /** From the province down to this division. */
  path: z.array(divisionRefSchema),
  pathText: z.string().meta({ example: '湖北省 / 荆州市 / 沙市区' }),
  /** Earlier names under this code, oldest first. */
  history: z.array(historyEntrySchema),
});

export const searchMatchSchema = z.enum(['exact', 'prefix', 'substring', 'fuzzy']);

export const searchHitSchema = divisionRefSchema.extend({
  shortName: z.string(),
  match: searchMatchSchema,
  path: z.array(divisionRefSchema),
  pathText: z.string(),
});

export const searchResponseSchema = z.object({ items: z.array(searchHitSchema) });

export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta({ description: 'Chinese name or part of it, pinyin, pinyin initials, or code prefix' }),
  within: z.string().max(20).optional().meta({ description: 'only divisions inside this one (code)' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const codeParamsSchema = z.object({ code: z.string().max(20).meta({ example: '421000000000' }) });

export const successorBodySchema = z.object({ successorCode: z.string().max(20) });

export type DivisionRef = z.infer<typeof divisionRefSchema>;
export type DivisionNode = z.infer<typeof divisionNodeSchema>;
export type ChildrenResponse = z.infer<typeof childrenResponseSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type DivisionDetail = z.infer<typeof divisionDetailSchema>;
export type SearchMatch = z.infer<typeof searchMatchSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;
export type SearchQuery = z.infer<typeof searchQuerySchema>;
