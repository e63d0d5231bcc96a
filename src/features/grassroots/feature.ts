import type { FeatureManifest } from '../../core/feature.js';
import { registerRosterRoutes } from './routes.js';
import { supervisionFollowUpsDue } from './supervision-follow-ups.js';
import { registerSupervisionRoutes } from './supervision-routes.js';
import { assignDirectorsSweep } from './sweep.js';
import { registerTrainingRoutes } from './training-routes.js';

// The roster of village directors and township supervisors, coverage, assignment of children, caseload,
// training, subsidies, incentives and accountability, the supervisors' supervision log (issue 17).
export const feature: FeatureManifest = {
  name: 'grassroots',
  after: ['registry'],
  routes: [registerRosterRoutes, registerTrainingRoutes, registerSupervisionRoutes],
  sweeps: [assignDirectorsSweep],
  inbox: [supervisionFollowUpsDue],
};
