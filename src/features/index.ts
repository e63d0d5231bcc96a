import type { FeatureRoutes } from '../platform/http/app.js';
import type { JobHandler } from '../platform/jobs/worker.js';
import { idempotencyExpirySweep, jobCleanupSweep } from '../platform/jobs/platform-sweeps.js';
import type { Sweep } from '../platform/jobs/sweeps.js';
import type { DemoSeeder } from '../platform/seed.js';
import { jingzhouDemo } from '../demo/index.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerDivisionRoutes } from './divisions/routes.js';
import { registerInsightRoutes } from './insight/routes.js';
import { registerOrganisationRoutes } from './organisations/routes.js';
import { registerRegistryRoutes } from './registry/routes.js';
import { registerRuleSetRoutes } from './rule-sets/routes.js';
import { registerUserRoutes } from './users/routes.js';

/** Everything the features contribute to the running process; each feature adds itself here. */
export const featureRoutes: FeatureRoutes[] = [registerDivisionRoutes, registerOrganisationRoutes, registerUserRoutes, registerRegistryRoutes, registerAuditRoutes, registerInsightRoutes, registerRuleSetRoutes];
export const featureSweeps: Sweep[] = [idempotencyExpirySweep, jobCleanupSweep];
export const featureJobs = new Map<string, JobHandler>();
export const demoSeeders: DemoSeeder[] = [jingzhouDemo];
