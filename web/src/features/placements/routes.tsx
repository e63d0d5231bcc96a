import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/placements',
    titleKey: 'placements.title',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 92, icon: <HomeOutlined aria-hidden /> },
    page: lazy(() => import('./OccupancyPage')),
  },
];
