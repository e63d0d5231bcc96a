import type { FeatureManifest } from '../../core/feature.js';
import { registerRollRoutes } from './routes.js';

/** Rolls from other departments matched to the registry as proposed fact changes (issue 18). */
export const feature: FeatureManifest = {
  name: 'department-rolls',
  after: ['registry', 'benefits'],
  routes: [registerRollRoutes],
};
