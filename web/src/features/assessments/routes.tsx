import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/assessments',
    titleKey: 'assessments.title',
    frame: 'shell',
    permission: 'assessments.record',
    menu: { order: 7, icon: <AuditOutlined aria-hidden /> },
    page: lazyPage(() => import('./AssessPage')),
  },
  {
    path: '/assessments/child/:childId',
    titleKey: 'assessments.childTitle',
    frame: 'shell',
    permission: 'children.read',
    page: lazyPage(() => import('./ChildAssessmentsPage')),
  },
  {
    path: '/assessments/child/:childId/new',
    titleKey: 'assessments.formTitle',
    frame: 'shell',
    permission: 'assessments.record',
    page: lazyPage(() => import('./AssessmentFormPage')),
  },
];

export const timeline: FeatureTimeline = {
  kinds: { assessment: 'assessments.timelineKind' },
};
