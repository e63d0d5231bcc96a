import { TableOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/service-matrix',
    titleKey: 'serviceMatrix.title',
    frame: 'shell',
    permission: 'organisations.read',
    menu: { order: 62, icon: <TableOutlined aria-hidden /> },
    page: lazyPage(() => import('./MatrixPage')),
  },
];
