import type { FeatureManifest } from '../../core/feature.js';
import { reportsToAcknowledge } from './inbox.js';
import { registerReportReadingRoutes } from './reading-routes.js';
import { registerReportRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'reports',
  routes: [registerReportRoutes, registerReportReadingRoutes],
  inbox: [reportsToAcknowledge],
};
