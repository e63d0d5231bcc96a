export * from '../../contract/reports/index.js';
