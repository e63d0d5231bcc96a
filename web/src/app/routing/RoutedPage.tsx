import type { ParseKeys } from 'i18next';
import { Suspense, type ComponentType } from 'react';
import { useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { PageHeading } from '../layout/PageHeading';
import { NoAccessPage } from './NoAccessPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { useDocumentTitle } from './useDocumentTitle';

interface RoutedPageProps {
  titleKey: ParseKeys;
  frame: 'shell' | 'standalone';
  permission?: Permission | undefined;
  page: ComponentType;
}

/** Everything every page gets: tab title, heading and breadcrumb (in the shell), lazy loading. */
export function RoutedPage({ titleKey, frame, permission, page: Page }: RoutedPageProps) {
  const { can } = useAuth();
  const allowed = permission === undefined || can(permission);
  useDocumentTitle(allowed ? titleKey : 'page.noAccessTitle');
  const body = (
    <PageErrorBoundary>
      <Suspense fallback={<PageLoading />}>{allowed ? <Page /> : <NoAccessPage />}</Suspense>
    </PageErrorBoundary>
  );
  if (frame === 'standalone') return body;
  return (
    <>
      <PageHeading titleKey={allowed ? titleKey : 'page.noAccessTitle'} />
      {body}
    </>
  );
}
