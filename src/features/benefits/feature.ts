import type { FeatureManifest } from '../../core/feature.js';
import { registerPaymentRoutes } from './payments/routes.js';
import { registerBenefitRoutes } from './routes.js';

/** Classified security in money: benefit applications, decisions and exits (issue 18). */
export const feature: FeatureManifest = {
  name: 'benefits',
  after: ['registry'],
  routes: [registerBenefitRoutes, registerPaymentRoutes],
};
