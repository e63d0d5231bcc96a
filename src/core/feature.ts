import type { FeatureRoutes } from '../platform/http/app.js';
import type { Sweep } from '../platform/jobs/sweeps.js';
import type { JobHandler } from '../platform/jobs/worker.js';
import type { InboxContribution } from './inbox/contribution.js';

/**
 * Everything one feature contributes to the running process. Each feature folder has a
 * `feature.ts` exporting one of these as `feature`; the composition root (`src/server.ts`)
 * discovers them, so adding a feature edits no shared list.
 */
export interface FeatureManifest {
  /** The feature's folder name under src/features. */
  readonly name: string;
  /**
   * Features whose parts must come first: their sweeps
   * this one's sweeps read the results of. Otherwise features come in the order of their names.
   */
  readonly after?: readonly string[];
  readonly routes?: readonly FeatureRoutes[];
  readonly sweeps?: readonly Sweep[];
  readonly jobs?: Readonly<Record<string, JobHandler>>;
  readonly inbox?: readonly InboxContribution[];
}
