import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

/** Documents have no page of their own (they live in the child file's 材料 tab); they name their timeline entries. */
export const routes: FeatureRoute[] = [];

export const timeline: FeatureTimeline = { kinds: { document: 'documents.timeline' } };
