/* The placements contract, as the feature's own files name it. */
export * from '../../contract/placements/vocabulary.js';
export * from '../../contract/placements/actions.js';
export * from '../../contract/placements/views.js';
export * from '../../contract/placements/tracing.js';
