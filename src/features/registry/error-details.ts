import {
  categoryAlreadyOpenDetailsSchema,
  duplicateIdNumberDetailsSchema,
  possibleDuplicateDetailsSchema,
  restoreConflictDetailsSchema,
} from '../../contract/registry/errors.js';
import { declareErrorDetails } from '../../platform/error-details.js';

declareErrorDetails('registry.possible_duplicate', possibleDuplicateDetailsSchema);
declareErrorDetails('registry.duplicate_id_number', duplicateIdNumberDetailsSchema);
declareErrorDetails('registry.restore_conflict', restoreConflictDetailsSchema);
declareErrorDetails('registry.category_already_open', categoryAlreadyOpenDetailsSchema);
