import { CalendarOutlined, MoneyCollectOutlined, ReconciliationOutlined, ScheduleOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/benefits',
    titleKey: 'benefits.nav',
    frame: 'shell',
    permission: 'benefits.read',
    menu: { order: 45, icon: <MoneyCollectOutlined aria-hidden /> },
    page: lazyPage(() => import('./ApplicationListPage')),
  },
  {
    path: '/benefits/calendar',
    titleKey: 'benefits.calendar.title',
    frame: 'shell',
    permission: 'calendar.manage',
    menu: { order: 105, icon: <CalendarOutlined aria-hidden /> },
    page: lazyPage(() => import('./CalendarPage')),
  },
  {
    path: '/benefits/payments',
    titleKey: 'benefits.payments.title',
    frame: 'shell',
    permission: 'benefits.read',
    menu: { order: 46, icon: <ReconciliationOutlined aria-hidden /> },
    page: lazyPage(() => import('./PaymentRunsPage')),
  },
  {
    path: '/benefits/payments/:runId',
    titleKey: 'benefits.payments.runTitle',
    frame: 'shell',
    permission: 'benefits.read',
    page: lazyPage(() => import('./PaymentRunPage')),
  },
  {
    path: '/benefits/renewals',
    titleKey: 'benefits.renewals.title',
    frame: 'shell',
    permission: 'benefits.read',
    menu: { order: 47, icon: <ScheduleOutlined aria-hidden /> },
    page: lazyPage(() => import('./RenewalsPage')),
  },
  {
    path: '/benefits/:applicationId',
    titleKey: 'benefits.detail',
    frame: 'shell',
    permission: 'benefits.read',
    page: lazyPage(() => import('./ApplicationPage')),
  },
];

export const timeline: FeatureTimeline = {
  kinds: {
    benefit_application: 'benefits.timelineKind',
    benefit_payment: 'benefits.paymentTimelineKind',
    benefit_renewal: 'benefits.renewalTimelineKind',
    benefit: 'benefits.reviewTimelineKind',
  },
  links: { benefit_application: (id) => `/benefits/${encodeURIComponent(id)}` },
};
