import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/households',
    titleKey: 'households.title',
    frame: 'shell',
    permission: 'children.write',
    menu: { order: 62, icon: <HomeOutlined aria-hidden /> },
    page: lazyPage(() => import('./HouseholdsPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { household: 'households.timelineKind' } };
