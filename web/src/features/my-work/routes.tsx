import { ScheduleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/my-work',
    titleKey: 'myWork.title',
    frame: 'shell',
    permission: 'cases.read',
    menu: { order: 5, icon: <ScheduleOutlined aria-hidden /> },
    page: lazy(() => import('./MyWorkPage')),
  },
];
