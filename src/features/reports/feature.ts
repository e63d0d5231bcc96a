import type { FeatureManifest } from '../../core/feature.js';
import { reportsToAcknowledge } from './inbox.js';
import { registerReportRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'reports',
  routes: [registerReportRoutes],
  inbox: [reportsToAcknowledge],
};
