import type { FeatureRoutes } from '../platform/http/app.js';
import type { Sweep } from '../platform/jobs/sweeps.js';
import type { JobHandler } from '../platform/jobs/worker.js';
import type { DemoSeeder } from '../platform/seed.js';
import type { InboxContribution } from './inbox/contribution.js';

/**
 * Everything one feature contributes to the running process. Each feature folder has a
 * `feature.ts` exporting one of these as `feature`; the composition root (`src/server.ts`)
 * discovers them, so adding a feature edits no shared list.
 */
export interface FeatureManifest {
  readonly name: string;
  readonly routes?: readonly FeatureRoutes[];
  readonly sweeps?: readonly Sweep[];
  readonly jobs?: Readonly<Record<string, JobHandler>>;
  readonly inbox?: readonly InboxContribution[];
  readonly demo?: readonly DemoSeeder[];
}
