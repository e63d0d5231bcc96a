import type { FeatureManifest } from '../../core/feature.js';
import { guardianshipMissing } from './inbox.js';
import { registerAssessmentRoutes } from './routes.js';
import { assessmentScheduleSweep } from './sweep.js';

// The guardianship assessment of Hubei DB42/T 1969-2023 and the four-colour risk grade (issue 17).
export const feature: FeatureManifest = {
  name: 'assessments',
  // The roster names the clocks' owners; the visits give the risk clues.
  after: ['registry', 'grassroots', 'visits'],
  routes: [registerAssessmentRoutes],
  sweeps: [assessmentScheduleSweep],
  inbox: [guardianshipMissing],
};
