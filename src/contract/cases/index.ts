export * from './actions.js';
export * from './errors.js';
export * from './views.js';
export * from './vocabulary.js';
