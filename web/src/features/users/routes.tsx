import { UserOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/users',
    titleKey: 'nav.users',
    frame: 'shell',
    permission: 'users.read',
    menu: { order: 100, icon: <UserOutlined aria-hidden /> },
    page: lazyPage(() => import('./UserListPage')),
  },
];
