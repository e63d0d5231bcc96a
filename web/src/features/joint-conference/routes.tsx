import { SolutionOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/joint-conference',
    titleKey: 'jointConference.title',
    frame: 'shell',
    permission: 'conference.act',
    menu: { order: 85, icon: <SolutionOutlined aria-hidden /> },
    page: lazyPage(() => import('./MeetingsPage')),
  },
  {
    path: '/joint-conference/my-items',
    titleKey: 'jointConference.myItems',
    frame: 'shell',
    permission: 'conference.act',
    page: lazyPage(() => import('./MyActionItemsPage')),
  },
  {
    path: '/joint-conference/:meetingId',
    titleKey: 'jointConference.meeting',
    frame: 'shell',
    permission: 'conference.act',
    page: lazyPage(() => import('./MeetingPage')),
  },
];
