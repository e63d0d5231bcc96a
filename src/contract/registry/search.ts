import { z } from 'zod';
import { isDivisionCode } from '../divisions/codes.js';
import {
  categoryCodes,
  childStatuses,
  duplicateReasonCodes,
  listSorts,
  listStatuses,
  riskGrades,
} from './vocabulary.js';

export { type ListSort, listSorts, listStatuses } from './vocabulary.js';

/* The registry list, duplicate candidates and the review queue as the API speaks them. Pure. */

const divisionSchema = z.string().refine(isDivisionCode, { error: 'registry.search.division_format' });

export const childListQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(40).optional(),
    within: divisionSchema.optional(),
    category: z.enum(categoryCodes).optional(),
    riskGrade: z.enum(riskGrades).optional(),
    status: z.enum(listStatuses).default('active'),
    ageMin: z.coerce.number().int().min(0).max(25).optional(),
    ageMax: z.coerce.number().int().min(0).max(25).optional(),
    sort: z.enum(listSorts).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((query) => query.ageMin === undefined || query.ageMax === undefined || query.ageMin <= query.ageMax, {
    error: 'registry.search.age_band',
    path: ['ageMax'],
  });
export type ChildListQuery = z.infer<typeof childListQuerySchema>;

export const matchedOnValues = ['name', 'pinyin', 'id', 'guardian'] as const;
export type MatchedOn = (typeof matchedOnValues)[number];

export const childListItemSchema = z.object({
  id: z.string(),
  havenCode: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  idNumber: z.string().nullable().meta({ description: 'masked' }),
  hasIdNumber: z.boolean(),
  residenceCode: z.string(),
  residenceName: z.string().meta({ description: 'township and village (or the division itself above township level)' }),
  categories: z.array(z.enum(categoryCodes)).meta({ description: 'confirmed memberships' }),
  riskGrade: z.enum(riskGrades).nullable(),
  status: z.enum(childStatuses),
  matchedOn: z.enum(matchedOnValues).nullable(),
  version: z.number(),
});
export type ChildListItem = z.infer<typeof childListItemSchema>;

export const childListPageSchema = z.object({
  items: z.array(childListItemSchema),
  total: z.number().meta({ description: 'exact up to totalCapped; otherwise a lower bound ("10,000+")' }),
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
export type ChildListPage = z.infer<typeof childListPageSchema>;

// Stored reasons are data: a code from an older rule version still reads (the UI shows the code if it has no text).
export const duplicateReasonSchema = z.object({
  code: z
    .string()
    .meta({ description: `one of ${duplicateReasonCodes.join(', ')}; message key registry.duplicates.reason.<code>` }),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** A candidate the actor may see; files outside the scope are only counted (`elsewhere`), never described. */
export const candidateViewSchema = z.object({
  inScope: z.literal(true),
  havenCode: z.string(),
  child: childListItemSchema,
  score: z.number(),
  reasons: z.array(duplicateReasonSchema),
});
export type CandidateView = z.infer<typeof candidateViewSchema>;

/** A child about to be registered, checked against the files that may be the same child. */
export const duplicateCheckDraftSchema = z.object({
  name: z.string().trim().min(1).max(60),
  birthDate: z.iso.date().nullable(),
  idNumber: z.string().trim().max(18).nullable(),
  residenceCode: z.string().regex(/^\d{12}$/, { error: 'registry.search.division_format' }),
  guardianNames: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
  guardianPhones: z.array(z.string().trim().min(3).max(30)).max(10).optional(),
  excludeChildId: z.uuid().optional().meta({ description: 'the file being edited' }),
});

export const duplicateCheckSchema = z.object({
  candidates: z.array(candidateViewSchema),
  elsewhere: z.number().meta({
    description: 'likely matches outside my area: registering anyway sends them to an officer who sees both files',
  }),
});
export type DuplicateCheck = z.infer<typeof duplicateCheckSchema>;

export const duplicateStates = ['open', 'not_same', 'merged'] as const;
export const pairListQuerySchema = z.object({
  state: z.enum(duplicateStates).default('open'),
  within: divisionSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PairListQuery = z.infer<typeof pairListQuerySchema>;

export const duplicatePairSchema = z.object({
  id: z.string(),
  score: z.number(),
  reasons: z.array(duplicateReasonSchema),
  state: z.enum(duplicateStates),
  version: z.number(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  mergeId: z.string().nullable().meta({ description: 'the merge to undo, while it stands' }),
  mergeRequest: z
    .object({ requestedBy: z.string(), requestedAt: z.string() })
    .nullable()
    .meta({ description: 'a registrar who could not see the other file asked for this pair to be reviewed' }),
  a: childListItemSchema,
  b: childListItemSchema,
});
export type DuplicatePair = z.infer<typeof duplicatePairSchema>;

export const duplicatePairPageSchema = z.object({
  items: z.array(duplicatePairSchema),
  total: z.number(),
  elsewhere: z.number().meta({
    description:
      'open pairs with one file outside my scope: decided where both are in scope (the common county, city or province)',
  }),
});

const reasonSchema = z.string().trim().min(1, { error: 'registry.search.reason_required' }).max(500);
export const notSameBodySchema = z.object({ version: z.number().int().min(1), reason: reasonSchema });
export const mergeBodySchema = z.object({
  version: z.number().int().min(1),
  survivorId: z.uuid(),
  reason: reasonSchema,
});
export const undoBodySchema = z.object({ reason: reasonSchema });

export const mergeResultSchema = z.object({
  mergeId: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  undone: z.boolean(),
  pair: duplicatePairSchema.nullable(),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
