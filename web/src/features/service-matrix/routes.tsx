import { TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/service-matrix',
    titleKey: 'serviceMatrix.title',
    frame: 'shell',
    permission: 'organisations.read',
    menu: { order: 62, icon: <TableOutlined aria-hidden /> },
    page: lazy(() => import('./MatrixPage')),
  },
];
