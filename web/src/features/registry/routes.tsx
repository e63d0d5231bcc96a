import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/registry',
    titleKey: 'nav.registry',
    frame: 'shell',
    permission: 'children.read',
    menu: { order: 10, icon: <TeamOutlined aria-hidden /> },
    page: lazyPage(() => import('./ChildListPage')),
  },
  {
    path: '/registry/new',
    titleKey: 'registry.create.title',
    frame: 'shell',
    permission: 'children.write',
    page: lazyPage(() => import('./create/CreateChildPage')),
  },
  {
    path: '/registry/import',
    titleKey: 'registry.import.title',
    frame: 'shell',
    permission: 'children.import',
    page: lazyPage(() => import('./import/ImportWizardPage')),
  },
  {
    path: '/registry/duplicates',
    titleKey: 'registry.duplicates.title',
    frame: 'shell',
    permission: 'children.write',
    page: lazyPage(() => import('./duplicates/DuplicateQueuePage')),
  },
  {
    path: '/registry/:childId',
    titleKey: 'registry.file.title',
    frame: 'shell',
    permission: 'children.read',
    page: lazyPage(() => import('./file/ChildFilePage')),
  },
];
