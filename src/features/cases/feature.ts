import type { FeatureManifest } from '../../core/feature.js';
import { jingzhouCasesDemo } from '../../demo/jingzhou-cases.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import { caseStepsDue } from './inbox.js';
import { registerCaseRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'cases',
  // The demo's cases are about the registry demo's children.
  after: ['registry'],
  routes: [registerCaseRoutes],
  demo: [jingzhouCasesDemo],
  inbox: [caseStepsDue],
};
