import type { FeatureManifest } from '../../core/feature.js';
import { registryCountsSweep } from './counts-sweep.js';
import { monthlyReportSweep } from './monthly-report.js';
import { registerProblemRoutes } from './problems-routes.js';
import { registerInsightRoutes } from './routes.js';
import { insightSnapshotSweep } from './snapshot-sweep.js';

export const feature: FeatureManifest = {
  name: 'insight',
  // The counts sweep counts what the registry's sweeps (age-out, proposals) have just changed. The
  // snapshots read clocks the later sweeps (visits, assessments) may still start: the running month is
  // recomputed on every run, so those count from the next run on. The escalation sweep comes first:
  // its alerts at a clock's last level mark the places whose conference-level count moved (0186).
  after: ['registry', 'clocks'],
  routes: [registerInsightRoutes, registerProblemRoutes],
  sweeps: [registryCountsSweep, insightSnapshotSweep, monthlyReportSweep],
};
