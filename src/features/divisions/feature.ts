import type { FeatureManifest } from '../../core/feature.js';
import { registerDivisionRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'divisions',
  routes: [registerDivisionRoutes],
};
