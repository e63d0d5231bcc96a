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
  {
    path: '/registry/new',
    titleKey: 'registry.create.title',
    frame: 'shell',
    permission: 'children.write',
    page: lazy(() => import('./create/CreateChildPage')),
  },
  {
    path: '/registry/import',
    titleKey: 'registry.import.title',
    frame: 'shell',
    permission: 'children.import',
    page: lazy(() => import('./import/ImportWizardPage')),
  },
  {
    path: '/registry/duplicates',
    titleKey: 'registry.duplicates.title',
    frame: 'shell',
    permission: 'children.write',
    page: lazy(() => import('./duplicates/DuplicateQueuePage')),
  },
  {
    path: '/registry/:childId',
    titleKey: 'registry.file.title',
    frame: 'shell',
    permission: 'children.read',
    page: lazy(() => import('./file/ChildFilePage')),
  },
];
