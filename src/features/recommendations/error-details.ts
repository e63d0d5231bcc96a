import {
  recommendationActionNotAllowedDetailsSchema,
  recommendationStaleDetailsSchema,
} from '../../contract/recommendations/views.js';
import { declareErrorDetails } from '../../platform/error-details.js';

// A 409 on a recommendation carries the status, what it allows and the recommendation as the caller reads it.
declareErrorDetails('recommendations.stale', recommendationStaleDetailsSchema);
declareErrorDetails('recommendations.action_not_allowed', recommendationActionNotAllowedDetailsSchema);
