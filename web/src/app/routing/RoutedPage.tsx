import type { ParseKeys } from 'i18next';
import { Suspense, type ComponentType } from 'react';
import { PageHeading } from '../layout/PageHeading';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { useDocumentTitle } from './useDocumentTitle';

interface RoutedPageProps {
  titleKey: ParseKeys;
  frame: 'shell' | 'standalone';
  page: ComponentType;
}

/** Everything every page gets: tab title, heading and breadcrumb (in the shell), lazy loading. */
export function RoutedPage({ titleKey, frame, page: Page }: RoutedPageProps) {
  useDocumentTitle(titleKey);
  const body = (
    <PageErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  );
  if (frame === 'standalone') return body;
  return (
    <>
      <PageHeading titleKey={titleKey} />
      {body}
    </>
  );
}
