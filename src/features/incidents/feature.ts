import type { FeatureManifest } from '../../core/feature.js';
import { registerIncidentRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'incidents',
  after: ['cases', 'referrals'],
  routes: [registerIncidentRoutes],
};
