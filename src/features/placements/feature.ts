import type { FeatureManifest } from '../../core/feature.js';
import { registerPlacementRoutes } from './routes.js';
import './error-details.js';
import './messages.js';

export const feature: FeatureManifest = {
  name: 'placements',
  routes: [registerPlacementRoutes],
};
