import { GiftOutlined } from '@ant-design/icons';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';
import { lazyPage } from '../../app/routing/lazyPage';

export const routes: FeatureRoute[] = [
  {
    path: '/charity',
    titleKey: 'charity.title',
    frame: 'shell',
    permission: 'projects.read',
    menu: { order: 66, icon: <GiftOutlined aria-hidden /> },
    page: lazyPage(() => import('./CharityPage')),
  },
];

export const timeline: FeatureTimeline = {
  kinds: { need: 'charity.timelineKind', guidance: 'charity.timelineGuidance', training: 'charity.timelineTraining' },
};
