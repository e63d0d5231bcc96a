import { FolderOpenOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/cases',
    titleKey: 'cases.title',
    frame: 'shell',
    permission: 'cases.read',
    menu: { order: 30, icon: <FolderOpenOutlined aria-hidden /> },
    page: lazy(() => import('./list/CaseListPage')),
  },
  {
    path: '/cases/:caseId',
    titleKey: 'cases.detail.title',
    frame: 'shell',
    permission: 'cases.read',
    page: lazy(() => import('./detail/CasePage')),
  },
];
