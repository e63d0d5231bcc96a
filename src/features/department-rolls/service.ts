// What other parts of Haven (the demo) use of department rolls: the upload and the decisions, in their unit of work.
export { acceptProposalIn, rejectProposalIn } from './proposals.js';
export { spreadsheetLimitsOf } from './registry-reader.js';
export { uploadRollIn } from './upload.js';
