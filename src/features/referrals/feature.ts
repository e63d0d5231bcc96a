import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import { referralsWaiting } from './inbox.js';
import { registerReferralRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'referrals',
  routes: [registerReferralRoutes],
  inbox: [referralsWaiting],
};
