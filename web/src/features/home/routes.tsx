import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/',
    titleKey: 'nav.home',
    frame: 'shell',
    menu: { order: 0, icon: <DashboardOutlined aria-hidden /> },
    page: lazy(() => import('./HomePage')),
  },
];
