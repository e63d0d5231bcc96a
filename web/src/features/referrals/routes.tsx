import { SwapOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/referrals',
    titleKey: 'referrals.title',
    frame: 'shell',
    permission: 'referrals.read',
    menu: { order: 6, icon: <SwapOutlined aria-hidden /> },
    page: lazyPage(() => import('./ReferralsPage')),
  },
];

export const timeline: FeatureTimeline = { kinds: { referral: 'referrals.timelineKind' } };
