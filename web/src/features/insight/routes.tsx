import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/insight',
    titleKey: 'nav.insight',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 90, icon: <BarChartOutlined aria-hidden /> },
    page: lazy(() => import('./InsightPage')),
  },
  {
    path: '/insight/registry-counts',
    titleKey: 'nav.registryCounts',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 91, icon: <TableOutlined aria-hidden /> },
    page: lazy(() => import('./RegistryCountsPage')),
  },
];
