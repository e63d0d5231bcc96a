import type { FeatureManifest } from '../../core/feature.js';
import { registerIncubationRoutes } from './incubation-routes.js';
import { registerProjectRoutes } from './routes.js';

// Purchased services (政府购买服务) and social organisations' capacity and coverage (issue 19).
export const feature: FeatureManifest = {
  name: 'projects',
  after: ['referrals', 'visits'],
  routes: [registerProjectRoutes, registerIncubationRoutes],
};
