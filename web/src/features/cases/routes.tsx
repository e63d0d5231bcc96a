import { FolderOpenOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

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

export const timeline: FeatureTimeline = {
  kinds: { case_service: 'cases.serviceTimelineKind', case_lead_transfer: 'cases.transferTimelineKind' },
};
