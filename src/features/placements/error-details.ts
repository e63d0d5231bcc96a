import {
  institutionFullDetailsSchema,
  placementActionNotAllowedDetailsSchema,
} from '../../contract/placements/errors.js';
import { declareErrorDetails } from '../../platform/error-details.js';
import { z } from 'zod';

declareErrorDetails('placements.institution_full', institutionFullDetailsSchema);
declareErrorDetails('placements.action_not_allowed', placementActionNotAllowedDetailsSchema);
declareErrorDetails('placements.stale', z.object({ current: z.number().int() }));
