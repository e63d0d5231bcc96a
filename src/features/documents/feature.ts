import type { FeatureManifest } from '../../core/feature.js';
import { registerDocumentRoutes } from './routes.js';

// Documents on a child's file (issue 16): typed, judged by content, the file's access, audited downloads.
export const feature: FeatureManifest = {
  name: 'documents',
  routes: [registerDocumentRoutes],
};
