import { CalendarOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/benefits',
    titleKey: 'benefits.nav',
    frame: 'shell',
    permission: 'benefits.read',
    menu: { order: 45, icon: <MoneyCollectOutlined aria-hidden /> },
    page: lazy(() => import('./ApplicationListPage')),
  },
  {
    path: '/benefits/calendar',
    titleKey: 'benefits.calendar.title',
    frame: 'shell',
    permission: 'calendar.manage',
    menu: { order: 105, icon: <CalendarOutlined aria-hidden /> },
    page: lazy(() => import('./CalendarPage')),
  },
  {
    path: '/benefits/:applicationId',
    titleKey: 'benefits.detail',
    frame: 'shell',
    permission: 'benefits.read',
    page: lazy(() => import('./ApplicationPage')),
  },
];
