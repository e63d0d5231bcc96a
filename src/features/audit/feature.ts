import type { FeatureManifest } from '../../core/feature.js';
import { registerAuditRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'audit',
  routes: [registerAuditRoutes],
};
