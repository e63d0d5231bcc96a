import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/registry',
    titleKey: 'nav.registry',
    frame: 'shell',
    permission: 'children.read',
    menu: { order: 10, icon: <TeamOutlined aria-hidden /> },
    page: lazy(() => import('./ChildListPage')),
  },
];
