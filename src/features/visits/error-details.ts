import { visitedMeanwhileDetailsSchema } from '../../contract/visits/visits.js';
import { declareErrorDetails } from '../../platform/error-details.js';

declareErrorDetails('visits.visited_meanwhile', visitedMeanwhileDetailsSchema);
