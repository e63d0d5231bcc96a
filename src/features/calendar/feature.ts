import type { FeatureManifest } from '../../core/feature.js';
import { recomputeJob, recomputeJobKind } from './accept.js';
import { registerCalendarRoutes } from './routes.js';

/** The holiday calendar as data an administrator loads; loading recomputes provisional deadlines. */
export const feature: FeatureManifest = {
  name: 'calendar',
  routes: [registerCalendarRoutes],
  jobs: { [recomputeJobKind]: recomputeJob },
};
