import { z } from 'zod';
import { declareErrorDetails } from '../../platform/error-details.js';
import { duplicateReasonSchema } from '../../contract/registry/search.js';

// Only files in the caller's scope, masked (child-duplicates.ts); the others are only counted.
const shownCandidate = z.object({
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

declareErrorDetails(
  'registry.possible_duplicate',
  z.object({ candidates: z.array(shownCandidate), notShown: z.number().int() }),
);
declareErrorDetails('registry.duplicate_id_number', z.object({ childId: z.string(), havenCode: z.string() }));
declareErrorDetails('registry.restore_conflict', z.object({ fields: z.array(z.string()) }));
declareErrorDetails('registry.category_already_open', z.object({ membershipId: z.string() }));
