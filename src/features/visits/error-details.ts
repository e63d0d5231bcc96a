import { factsChangedDetailsSchema, visitedMeanwhileDetailsSchema } from '../../contract/visits/visits.js';
import { declareErrorDetails } from '../../platform/error-details.js';

declareErrorDetails('visits.visited_meanwhile', visitedMeanwhileDetailsSchema);
declareErrorDetails('visits.facts_changed', factsChangedDetailsSchema);
