import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import { recommendationsWaiting } from './inbox.js';
import { registerRecommendationRoutes } from './routes.js';

export const feature: FeatureManifest = {
  name: 'recommendations',
  after: ['cases'],
  routes: [registerRecommendationRoutes],
  inbox: [recommendationsWaiting],
};
