import {
  serviceActionNotAllowedDetailsSchema,
  transferActionNotAllowedDetailsSchema,
} from '../../contract/case-network/errors.js';
import { declareErrorDetails } from '../../platform/error-details.js';

// A 409 on a service or a transfer names the status now and what it allows.
declareErrorDetails('caseServices.action_not_allowed', serviceActionNotAllowedDetailsSchema);
declareErrorDetails('leadTransfers.action_not_allowed', transferActionNotAllowedDetailsSchema);
