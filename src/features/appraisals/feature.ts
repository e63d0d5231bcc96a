import type { FeatureManifest } from '../../core/feature.js';
import { registerAppraisalRoutes } from './routes.js';

// The yearly assessment of directors and supervisors, computed from their work (issue 17). Its own
// folder because it reads both the roster and the visits, and visits already reads the roster.
export const feature: FeatureManifest = {
  name: 'appraisals',
  routes: [registerAppraisalRoutes],
};
