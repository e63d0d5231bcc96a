import type { FeatureManifest } from '../../core/feature.js';
import { stayWork, tracingWork } from './inbox.js';
import { registerPlacementRoutes } from './routes.js';
import { registerTracingRoutes } from './tracing/routes.js';
import './tracing/messages.js';
import './error-details.js';
import './messages.js';

export const feature: FeatureManifest = {
  name: 'placements',
  routes: [registerPlacementRoutes, registerTracingRoutes],
  inbox: [stayWork, tracingWork],
};
