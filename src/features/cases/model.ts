export * from '../../contract/cases/index.js';
