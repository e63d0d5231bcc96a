import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/audit',
    titleKey: 'nav.audit',
    frame: 'shell',
    permission: 'audit.read',
    menu: { order: 110, icon: <AuditOutlined aria-hidden /> },
    page: lazyPage(() => import('./AuditLogPage')),
  },
];
