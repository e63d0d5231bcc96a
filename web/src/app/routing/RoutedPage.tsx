import { useIsFetching } from '@tanstack/react-query';
import type { ParseKeys } from 'i18next';
import { type ComponentType, Suspense, useEffect } from 'react';
import { useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { PageHeading } from '../layout/PageHeading';
import { loadAppFont } from '../theme/appFont';
import { markFirstPageShown } from './firstPage';
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

/**
 * Rendered once the page's code has arrived (inside its Suspense): the font and the menus download when
 * the page's first data has arrived too, so that they (a dozen requests) do not share a slow line with them.
 */
function AfterPageArrived() {
  const fetching = useIsFetching();
  useEffect(() => {
    if (fetching > 0) return;
    loadAppFont();
    markFirstPageShown();
  }, [fetching]);
  return null;
}

/** Everything every page gets: tab title, heading and breadcrumb (in the shell), lazy loading. */
export function RoutedPage({ titleKey, frame, permission, page: Page }: RoutedPageProps) {
  const { can } = useAuth();
  const allowed = permission === undefined || can(permission);
  useDocumentTitle(allowed ? titleKey : 'page.noAccessTitle');
  const body = (
    <PageErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        {allowed ? <Page /> : <NoAccessPage />}
        <AfterPageArrived />
      </Suspense>
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
