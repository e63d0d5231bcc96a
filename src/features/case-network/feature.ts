import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import './messages.js';
import { caseServicesDue, leadTransfersWaiting } from './inbox.js';
import { whenReferralEnds } from '../referrals/service.js';
import { registerCaseNetworkRoutes } from './routes.js';
import { releaseFormerLeadAfterReferral } from './taking-part.js';

// A former lead kept on a case only by a referral it sent leaves the case when that referral ends.
whenReferralEnds(releaseFormerLeadAfterReferral);

/** Issue 15: services in a case plan, delivered (by the lead or through referrals), and the transfer of a case's lead. */
export const feature: FeatureManifest = {
  name: 'case-network',
  after: ['cases', 'referrals'],
  routes: [registerCaseNetworkRoutes],
  inbox: [caseServicesDue, leadTransfersWaiting],
};
