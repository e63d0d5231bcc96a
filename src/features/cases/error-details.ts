import { caseActionNotAllowedDetailsSchema, caseStaleDetailsSchema } from '../../contract/cases/errors.js';
import { declareErrorDetails } from '../../platform/error-details.js';

// A 409 on a case carries the case as the caller reads it (GET /api/cases/:id), so the page can redraw.
declareErrorDetails('cases.stale', caseStaleDetailsSchema);
declareErrorDetails('cases.action_not_allowed', caseActionNotAllowedDetailsSchema);
