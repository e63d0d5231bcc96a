import { ApartmentOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/case-network',
    titleKey: 'caseNetwork.title',
    frame: 'shell',
    permission: 'cases.read',
    menu: { order: 31, icon: <ApartmentOutlined aria-hidden /> },
    page: lazyPage(() => import('./CaseNetworkPage')),
  },
];
