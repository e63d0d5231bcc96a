import type { FeatureManifest } from '../../core/feature.js';

// Home visits: tables only so far (migration 0012, used by the benchmarks); nothing to serve yet.
export const feature: FeatureManifest = {
  name: 'visits',
};
