import { FolderOpenOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/cases',
    titleKey: 'cases.title',
    frame: 'shell',
    permission: 'cases.read',
    menu: { order: 30, icon: <FolderOpenOutlined aria-hidden /> },
    page: lazyPage(() => import('./list/CaseListPage')),
  },
  {
    path: '/cases/:caseId',
    titleKey: 'cases.detail.title',
    frame: 'shell',
    permission: 'cases.read',
    page: lazyPage(() => import('./detail/CasePage')),
  },
];
