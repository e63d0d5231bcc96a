import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/organisations',
    titleKey: 'nav.organisations',
    frame: 'shell',
    permission: 'organisations.read',
    menu: { order: 80, icon: <ApartmentOutlined aria-hidden /> },
    page: lazy(() => import('./OrganisationListPage')),
  },
];
