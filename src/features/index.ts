import type { FeatureRoutes } from '../platform/http/app.js';
import type { JobHandler } from '../platform/jobs/worker.js';
import { idempotencyExpirySweep, jobCleanupSweep } from '../platform/jobs/platform-sweeps.js';
import type { Sweep } from '../platform/jobs/sweeps.js';
import type { DemoSeeder } from '../platform/seed.js';

/** Everything the features contribute to the running process; each feature adds itself here. */
export const featureRoutes: FeatureRoutes[] = [];
export const featureSweeps: Sweep[] = [idempotencyExpirySweep, jobCleanupSweep];
export const featureJobs = new Map<string, JobHandler>();
export const demoSeeders: DemoSeeder[] = [];
