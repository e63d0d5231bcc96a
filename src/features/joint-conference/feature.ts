import type { FeatureManifest } from '../../core/feature.js';
import { actionItemsOpen } from './inbox.js';
import { registerConferenceRoutes } from './routes.js';
import './messages.js';
import './rule-sections.js';

export const feature: FeatureManifest = {
  name: 'joint-conference',
  routes: [registerConferenceRoutes],
  inbox: [actionItemsOpen],
};
