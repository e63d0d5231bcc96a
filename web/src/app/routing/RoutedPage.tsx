import type { ParseKeys } from 'i18next';
import { type ComponentType, Suspense, useEffect } from 'react';
import { useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { PageHeading } from '../layout/PageHeading';
import { loadAppFont } from '../theme/appFont';
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

/** Rendered once the page's code has arrived (inside its Suspense): from then on the font may download. */
function AfterPageArrived() {
  useEffect(loadAppFont, []);
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
