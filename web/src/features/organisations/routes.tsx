import { ApartmentOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/organisations',
    titleKey: 'nav.organisations',
    frame: 'shell',
    permission: 'organisations.read',
    menu: { order: 80, icon: <ApartmentOutlined aria-hidden /> },
    page: lazyPage(() => import('./OrganisationListPage')),
  },
];
