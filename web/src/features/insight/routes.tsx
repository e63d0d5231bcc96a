import { BarChartOutlined, LineChartOutlined, TableOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/insight/problems',
    titleKey: 'insight.problems.title',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 89, icon: <LineChartOutlined aria-hidden /> },
    page: lazyPage(() => import('./problems/ProblemsPage')),
  },
  {
    path: '/insight',
    titleKey: 'nav.insight',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 90, icon: <BarChartOutlined aria-hidden /> },
    page: lazyPage(() => import('./InsightPage')),
  },
  {
    path: '/insight/registry-counts',
    titleKey: 'nav.registryCounts',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 91, icon: <TableOutlined aria-hidden /> },
    page: lazyPage(() => import('./RegistryCountsPage')),
  },
];
