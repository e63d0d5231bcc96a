import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import { caseStepsDue, planGoalsDue } from './inbox.js';
import { registerCaseRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'cases',
  routes: [registerCaseRoutes],
  inbox: [caseStepsDue, planGoalsDue],
};
