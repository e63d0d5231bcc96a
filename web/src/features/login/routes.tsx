import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/login',
    titleKey: 'login.title',
    frame: 'standalone',
    page: lazy(() => import('./LoginPage')),
  },
];
