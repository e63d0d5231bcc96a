export * from './actions.js';
export * from './views.js';
export * from './vocabulary.js';
