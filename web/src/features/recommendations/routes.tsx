import { AuditOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/routing/featureRoute';
import { lazyPage } from '../../app/routing/lazyPage';

export const routes: FeatureRoute[] = [
  {
    path: '/recommendations',
    titleKey: 'recommendations.title',
    frame: 'shell',
    permission: 'recommendations.read',
    menu: { order: 31, icon: <AuditOutlined aria-hidden /> },
    page: lazyPage(() => import('./RecommendationsPage')),
  },
  {
    path: '/recommendations/new',
    titleKey: 'recommendations.issueTitle',
    frame: 'shell',
    permission: 'recommendations.issue',
    page: lazyPage(() => import('./IssueRecommendationPage')),
  },
  {
    path: '/recommendations/:recommendationId',
    titleKey: 'recommendations.detail',
    frame: 'shell',
    permission: 'recommendations.read',
    page: lazyPage(() => import('./RecommendationPage')),
  },
];
