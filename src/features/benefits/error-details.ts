import { openApplicationDetailsSchema } from '../../contract/benefits/applications.js';
import { declareErrorDetails } from '../../platform/error-details.js';

// A second open application names the open one, so the page can link to it.
declareErrorDetails('benefits.application_open', openApplicationDetailsSchema);
