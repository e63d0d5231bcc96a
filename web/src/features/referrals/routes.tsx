import { SwapOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/referrals',
    titleKey: 'referrals.title',
    frame: 'shell',
    permission: 'referrals.read',
    menu: { order: 6, icon: <SwapOutlined aria-hidden /> },
    page: lazy(() => import('./ReferralsPage')),
  },
];
