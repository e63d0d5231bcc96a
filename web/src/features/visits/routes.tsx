import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/visits',
    titleKey: 'grassroots.visits.title',
    frame: 'shell',
    permission: 'visits.record',
    menu: { order: 6, icon: <HomeOutlined aria-hidden /> },
    page: lazyPage(() => import('./VisitsDuePage')),
  },
  {
    path: '/visits/new/:childId',
    titleKey: 'grassroots.form.title',
    frame: 'shell',
    permission: 'visits.record',
    page: lazyPage(() => import('./VisitFormPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { visit: 'grassroots.timelineKind.visit' } };
