import type { FeatureManifest } from '../../core/feature.js';
import { registerRosterRoutes } from './routes.js';
import { assignDirectorsSweep } from './sweep.js';

// The roster of village directors and township supervisors, coverage, assignment of children, caseload (issue 17).
export const feature: FeatureManifest = {
  name: 'grassroots',
  after: ['registry'],
  routes: [registerRosterRoutes],
  sweeps: [assignDirectorsSweep],
};
