import { DashboardOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/',
    titleKey: 'nav.home',
    frame: 'shell',
    menu: { order: 0, icon: <DashboardOutlined aria-hidden /> },
    page: lazyPage(() => import('./HomePage')),
  },
];
