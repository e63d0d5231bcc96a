import { FileSearchOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/department-rolls',
    titleKey: 'rolls.nav',
    frame: 'shell',
    permission: 'rolls.upload',
    menu: { order: 48, icon: <FileSearchOutlined aria-hidden /> },
    page: lazyPage(() => import('./RollsPage')),
  },
  {
    path: '/department-rolls/:rollId',
    titleKey: 'rolls.rollTitle',
    frame: 'shell',
    permission: 'rolls.upload',
    page: lazyPage(() => import('./RollPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { fact: 'rolls.timelineKind' } };
