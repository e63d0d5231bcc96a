import type { FeatureManifest } from '../../core/feature.js';
import { registerClockRoutes } from './routes.js';
import { clockEscalationSweep } from './sweep.js';

export const feature: FeatureManifest = {
  name: 'clocks',
  routes: [registerClockRoutes],
  sweeps: [clockEscalationSweep],
};
