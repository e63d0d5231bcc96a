import { z } from 'zod';
import { duplicateReasonSchema } from './search.js';

/* What the registry's refusals tell the caller in `error.details` (nothing undeclared is sent). Pure. */

// Only files in the caller's scope, masked (child-duplicates.ts); the others are only counted.
export const shownCandidateSchema = z.object({
  childId: z.string(),
  havenCode: z.string(),
  name: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  residenceCode: z.string(),
  score: z.number(),
  reasons: z.array(duplicateReasonSchema),
});
export type ShownCandidate = z.infer<typeof shownCandidateSchema>;

export const possibleDuplicateDetailsSchema = z.object({
  candidates: z.array(shownCandidateSchema),
  notShown: z.number().int(),
});
export const duplicateIdNumberDetailsSchema = z.object({ childId: z.string(), havenCode: z.string() });
export const restoreConflictDetailsSchema = z.object({ fields: z.array(z.string()) });
export const categoryAlreadyOpenDetailsSchema = z.object({ membershipId: z.string() });
