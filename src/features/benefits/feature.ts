import type { FeatureManifest } from '../../core/feature.js';
import { registerPaymentRoutes, registerRenewalRoutes } from './payments/routes.js';
import { basisSweep } from './basis-sweep.js';
import { renewalSweep } from './renewals.js';
import { registerReviewRoutes } from './review-routes.js';
import { benefitReviewsWaiting } from './review-view.js';
import { registerBenefitRoutes } from './routes.js';

/** Classified security in money: benefit applications, decisions and exits (issue 18). */
export const feature: FeatureManifest = {
  name: 'benefits',
  after: ['registry'],
  routes: [registerBenefitRoutes, registerPaymentRoutes, registerRenewalRoutes, registerReviewRoutes],
  inbox: [benefitReviewsWaiting],
  sweeps: [renewalSweep, basisSweep],
};
