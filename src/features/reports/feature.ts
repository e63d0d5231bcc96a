import type { FeatureManifest } from '../../core/feature.js';
import { registerReportRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'reports',
  routes: [registerReportRoutes],
};
