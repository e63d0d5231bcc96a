import { TableOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/service-matrix',
    titleKey: 'serviceMatrix.title',
    frame: 'shell',
    permission: 'organisations.read',
    // Anyone who reads organisations may open it; the menu offers it to those who coordinate or analyse.
    menu: {
      order: 82,
      icon: <TableOutlined aria-hidden />,
      shownTo: (can) => can('matrix.manage') || can('insight.aggregate'),
    },
    page: lazyPage(() => import('./MatrixPage')),
  },
];
