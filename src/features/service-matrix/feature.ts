import type { FeatureManifest } from '../../core/feature.js';
import { registerServiceMatrixRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'service-matrix',
  routes: [registerServiceMatrixRoutes],
};
