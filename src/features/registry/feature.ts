import type { FeatureManifest } from '../../core/feature.js';
// What the feature's errors may tell the caller (the error mapper sends nothing undeclared).
import './error-details.js';
import { ledgerCommitHandler } from './ledger/commit.js';
import { registerLedgerRoutes } from './ledger/routes.js';
import { registerRegistryRoutes } from './routes.js';
import { registerRegistrySearchRoutes } from './search/routes.js';
import { ageOutSweep, reproposeSweep } from './sweeps.js';

export const feature: FeatureManifest = {
  name: 'registry',
  routes: [registerRegistryRoutes, registerRegistrySearchRoutes, registerLedgerRoutes],
  sweeps: [ageOutSweep, reproposeSweep],
  jobs: { 'ledger.commit': ledgerCommitHandler },
};
