import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/login',
    titleKey: 'login.title',
    frame: 'standalone',
    page: lazyPage(() => import('./LoginPage')),
  },
];
