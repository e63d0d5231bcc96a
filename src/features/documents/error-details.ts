import { z } from 'zod';
import {
  contentMismatchDetailsSchema,
  tooLargeDetailsSchema,
  typeNotAllowedDetailsSchema,
} from '../../contract/documents/views.js';
import { declareErrorDetails } from '../../platform/error-details.js';

declareErrorDetails('documents.too_large', tooLargeDetailsSchema);
declareErrorDetails('documents.content_mismatch', contentMismatchDetailsSchema);
declareErrorDetails('documents.type_not_allowed', typeNotAllowedDetailsSchema);
declareErrorDetails('documents.already_withdrawn', z.object({ at: z.string() }));
declareErrorDetails('documents.purged', z.object({ at: z.string() }));
