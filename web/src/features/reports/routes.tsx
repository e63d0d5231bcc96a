import { AlertOutlined, FieldTimeOutlined, InboxOutlined, PhoneOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';
import { takesCalls } from './hotline/takesCalls';

export const routes: FeatureRoute[] = [
  {
    path: '/reports',
    titleKey: 'reports.title',
    frame: 'shell',
    permission: 'reports.submit',
    menu: { order: 20, icon: <AlertOutlined aria-hidden /> },
    page: lazyPage(() => import('./MyReportsPage')),
  },
  {
    path: '/reports/inbox',
    titleKey: 'reports.inbox.title',
    frame: 'shell',
    permission: 'reports.receive',
    menu: { order: 21, icon: <InboxOutlined aria-hidden /> },
    page: lazyPage(() => import('./inbox/InboxPage')),
  },
  {
    path: '/reports/hotline',
    titleKey: 'reports.hotline.title',
    frame: 'shell',
    permission: 'reports.hotline',
    menu: { order: 19, icon: <PhoneOutlined aria-hidden />, shownTo: takesCalls },
    page: lazyPage(() => import('./hotline/HotlineConsolePage')),
  },
  {
    path: '/reports/new',
    titleKey: 'reports.new.title',
    frame: 'shell',
    permission: 'reports.submit',
    page: lazyPage(() => import('./forms/NewReportPage')),
  },
  {
    path: '/reports/compliance',
    titleKey: 'reports.compliance.title',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 22, icon: <FieldTimeOutlined aria-hidden /> },
    page: lazyPage(() => import('./compliance/CompliancePage')),
  },
  {
    path: '/report',
    titleKey: 'reports.public.title',
    frame: 'standalone',
    page: lazyPage(() => import('./public/PublicReportPage')),
  },
];
