export * from './submit.js';
export * from './views.js';
export * from './vocabulary.js';
export * from './reading.js';
