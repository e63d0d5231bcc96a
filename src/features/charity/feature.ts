import type { FeatureManifest } from '../../core/feature.js';
import { registerActivityRoutes } from './activity-routes.js';
import { registerFamilySupportRoutes } from './family-routes.js';
import { charityWork } from './inbox.js';
import { registerCharityRoutes } from './routes.js';

// Charity, volunteers and family support (issue 19, second half).
export const feature: FeatureManifest = {
  name: 'charity',
  routes: [registerCharityRoutes, registerFamilySupportRoutes, registerActivityRoutes],
  inbox: [charityWork],
};
