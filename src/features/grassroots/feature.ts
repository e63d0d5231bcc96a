import type { FeatureManifest } from '../../core/feature.js';
import { registerRosterRoutes } from './routes.js';
import { assignDirectorsSweep } from './sweep.js';
import { registerTrainingRoutes } from './training-routes.js';

// The roster of village directors and township supervisors, coverage, assignment of children, caseload,
// training, subsidies, incentives and accountability (issue 17).
export const feature: FeatureManifest = {
  name: 'grassroots',
  after: ['registry'],
  routes: [registerRosterRoutes, registerTrainingRoutes],
  sweeps: [assignDirectorsSweep],
};
