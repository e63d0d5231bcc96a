import { ReadOutlined, TeamOutlined } from '@ant-design/icons';
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
  {
    path: '/grassroots/training',
    titleKey: 'grassroots.training.title',
    frame: 'shell',
    permission: 'roster.read',
    menu: { order: 61, icon: <ReadOutlined aria-hidden /> },
    page: lazyPage(() => import('./TrainingPage')),
  },
  {
    path: '/grassroots/appraisal/:staffId',
    titleKey: 'grassroots.appraisal.title',
    frame: 'shell',
    permission: 'roster.read',
    page: lazyPage(() => import('./AppraisalPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { assignment: 'grassroots.timelineKind.assignment' } };
