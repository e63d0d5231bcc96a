import { ApartmentOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/routing/featureRoute';
import { lazyPage } from '../../app/routing/lazyPage';

export const routes: FeatureRoute[] = [
  {
    path: '/projects',
    titleKey: 'projects.title',
    frame: 'shell',
    permission: 'projects.read',
    menu: { order: 64, icon: <FundProjectionScreenOutlined aria-hidden /> },
    page: lazyPage(() => import('./ProjectsPage')),
  },
  {
    path: '/projects/:projectId',
    titleKey: 'projects.project',
    frame: 'shell',
    permission: 'projects.read',
    page: lazyPage(() => import('./ProjectPage')),
  },
  {
    path: '/projects/society',
    titleKey: 'projects.society.title',
    frame: 'shell',
    permission: 'projects.read',
    menu: { order: 65, icon: <ApartmentOutlined aria-hidden /> },
    page: lazyPage(() => import('./SocietyPage')),
  },
  {
    path: '/projects/society/:organisationId',
    titleKey: 'projects.society.organisation',
    frame: 'shell',
    permission: 'projects.read',
    page: lazyPage(() => import('./OrganisationPage')),
  },
];
