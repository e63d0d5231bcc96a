import type { FeatureManifest } from '../../core/feature.js';
import { entrustedContactsDue } from './entrusted-inbox.js';
import { registerEntrustedCareRoutes } from './entrusted-routes.js';
import { entrustedCareSweep } from './entrusted-sweep.js';
import { visitsDue } from './inbox.js';
import { registerVisitRoutes } from './routes.js';
import { visitScheduleSweep } from './sweep.js';

// Home visits (issue 17): the schedule from the child, a visit clock per child, the follow-up form;
// entrusted care of left-behind children with its weekly parent-contact clock.
export const feature: FeatureManifest = {
  name: 'visits',
  // The registry ends categories by age and the roster assigns directors before the schedule is read.
  after: ['registry', 'grassroots'],
  routes: [registerVisitRoutes, registerEntrustedCareRoutes],
  sweeps: [visitScheduleSweep, entrustedCareSweep],
  inbox: [visitsDue, entrustedContactsDue],
};
