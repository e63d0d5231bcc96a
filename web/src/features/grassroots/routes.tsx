import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/grassroots',
    titleKey: 'grassroots.title',
    frame: 'shell',
    permission: 'roster.read',
    menu: { order: 60, icon: <TeamOutlined aria-hidden /> },
    page: lazyPage(() => import('./RosterPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { assignment: 'grassroots.timelineKind.assignment' } };
