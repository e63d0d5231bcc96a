import type { FeatureManifest } from '../../core/feature.js';
import { registerRuleSetRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'rule-sets',
  routes: [registerRuleSetRoutes],
};
