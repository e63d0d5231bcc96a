import type { FeatureManifest } from '../../core/feature.js';
import { registerUserRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'users',
  routes: [registerUserRoutes],
};
