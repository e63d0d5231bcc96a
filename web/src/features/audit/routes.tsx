import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/audit',
    titleKey: 'nav.audit',
    frame: 'shell',
    permission: 'audit.read',
    menu: { order: 110, icon: <AuditOutlined aria-hidden /> },
    page: lazy(() => import('./AuditLogPage')),
  },
];
