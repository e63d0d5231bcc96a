import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import './messages.js';
import { caseServicesDue, leadTransfersWaiting } from './inbox.js';
import { registerCaseNetworkRoutes } from './routes.js';

/** Issue 15: services in a case plan, delivered (by the lead or through referrals), and the transfer of a case's lead. */
export const feature: FeatureManifest = {
  name: 'case-network',
  after: ['cases', 'referrals'],
  routes: [registerCaseNetworkRoutes],
  inbox: [caseServicesDue, leadTransfersWaiting],
};
