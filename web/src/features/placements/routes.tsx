import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/placements',
    titleKey: 'placements.title',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 92, icon: <HomeOutlined aria-hidden /> },
    page: lazyPage(() => import('./OccupancyPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { placement: 'placements.timelineKind' } };
