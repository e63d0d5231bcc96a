import { clockEscalationSweep } from '../../core/clocks/index.js';
import type { FeatureManifest } from '../../core/feature.js';
import { alertsForMe } from './inbox.js';
import { registerClockRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'clocks',
  routes: [registerClockRoutes],
  sweeps: [clockEscalationSweep],
  inbox: [alertsForMe],
};
