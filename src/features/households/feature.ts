import type { FeatureManifest } from '../../core/feature.js';
import { registerHouseholdRoutes } from './routes.js';

// Households (issue 17): siblings linked from a reviewed proposal, the people they share entered once,
// one home visit for the household's children, the siblings' open cases linked.
export const feature: FeatureManifest = {
  name: 'households',
  after: ['registry', 'visits', 'cases'],
  routes: [registerHouseholdRoutes],
};
