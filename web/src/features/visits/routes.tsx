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
  {
    path: '/visits/entrusted',
    titleKey: 'grassroots.entrusted.title',
    frame: 'shell',
    permission: 'visits.record',
    page: lazyPage(() => import('./entrusted/EntrustedPage')),
  },
  {
    path: '/visits/entrusted/:childId',
    titleKey: 'grassroots.entrusted.childTitle',
    frame: 'shell',
    permission: 'visits.record',
    page: lazyPage(() => import('./entrusted/ChildEntrustedPage')),
  },
];

export const timeline: FeatureTimeline = {
  kinds: { visit: 'grassroots.timelineKind.visit', entrusted_care: 'grassroots.timelineKind.entrusted_care' },
};
