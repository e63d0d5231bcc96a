import { z } from 'zod';
import { declareErrorDetails } from '../../platform/error-details.js';
import { caseViewSchema } from './model.js';

// A 409 on a case carries the case as the caller reads it (GET /api/cases/:id), so the page can redraw.
declareErrorDetails('cases.stale', z.object({ current: caseViewSchema }));
declareErrorDetails(
  'cases.action_not_allowed',
  z.object({ status: z.string(), allowedActions: z.array(z.string()), current: caseViewSchema.optional() }),
);
