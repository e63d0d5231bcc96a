import type { FeatureManifest } from '../../core/feature.js';
import { registryCountsSweep } from './counts-sweep.js';
import { registerInsightRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'insight',
  // The counts sweep counts what the registry's sweeps (age-out, proposals) have just changed.
  after: ['registry'],
  routes: [registerInsightRoutes],
  sweeps: [registryCountsSweep],
};
