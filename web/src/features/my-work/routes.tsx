import { ScheduleOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/my-work',
    titleKey: 'myWork.title',
    frame: 'shell',
    permission: 'cases.read',
    menu: { order: 5, icon: <ScheduleOutlined aria-hidden /> },
    page: lazyPage(() => import('./MyWorkPage')),
  },
];
