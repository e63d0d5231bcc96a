import { HomeOutlined, SearchOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/routing/lazyPage';
import type { FeatureRoute, FeatureTimeline } from '../../app/routing/featureRoute';

export const routes: FeatureRoute[] = [
  {
    path: '/placements',
    titleKey: 'placements.title',
    frame: 'shell',
    permission: 'insight.aggregate',
    menu: { order: 50, icon: <HomeOutlined aria-hidden /> },
    page: lazyPage(() => import('./OccupancyPage')),
  },
  {
    path: '/placements/tracing',
    titleKey: 'placements.tracing.title',
    frame: 'shell',
    permission: 'placements.act',
    menu: { order: 51, icon: <SearchOutlined aria-hidden /> },
    page: lazyPage(() => import('./TracingRegisterPage')),
  },
  {
    path: '/placements/tracing/:tracingId',
    titleKey: 'placements.tracing.pageTitle',
    frame: 'shell',
    permission: 'children.read',
    page: lazyPage(() => import('./TracingPage')),
  },
];

export const timeline: FeatureTimeline = {
  kinds: { placement: 'placements.timelineKind', tracing: 'placements.tracingTimelineKind' },
  links: { tracing_request: (id) => `/placements/tracing/${encodeURIComponent(id)}` },
};
