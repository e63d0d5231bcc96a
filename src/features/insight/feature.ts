import type { FeatureManifest } from '../../core/feature.js';
import { registryCountsSweep } from './counts-sweep.js';
import { monthlyReportSweep } from './monthly-report.js';
import { registerProblemRoutes } from './problems-routes.js';
import { registerInsightRoutes } from './routes.js';
import { insightSnapshotSweep } from './snapshot-sweep.js';

export const feature: FeatureManifest = {
  name: 'insight',
  // The counts sweep counts what the registry's sweeps (age-out, proposals) have just changed; the
  // snapshots read the clocks every other sweep has just started, stopped or escalated.
  after: ['registry', 'clocks', 'visits', 'assessments', 'benefits', 'grassroots', 'placements', 'referrals'],
  routes: [registerInsightRoutes, registerProblemRoutes],
  sweeps: [registryCountsSweep, insightSnapshotSweep, monthlyReportSweep],
};
