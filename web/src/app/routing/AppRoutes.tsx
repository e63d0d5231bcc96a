import { Suspense } from 'react';
import { matchPath, Route, Routes } from 'react-router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { StandaloneFrame } from '../layout/StandaloneFrame';
import { shellRoutes, standaloneRoutes } from './featureRegistry';
import { lazyPage } from './lazyPage';
import { NotFoundPage } from './NotFoundPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { RoutedPage } from './RoutedPage';

// The frame of signed-in pages is not needed by the pages anyone may open (sign-in, the public report):
// it comes in its own chunk. A signed-in page starts that download, and the page's own code, with the
// first scripts rather than after the session check (a round trip, 400 ms on slow 3G); the landing
// pages even before those scripts (web/firstLoad.ts). The menus come after the page (firstPage.ts).
const AppShell = lazyPage(() => import('../layout/AppShell').then((module) => ({ default: module.AppShell })));
preloadFirstPage(window.location.pathname);

function preloadFirstPage(pathname: string): void {
  if (standaloneRoutes.some((route) => matchPath(route.path, pathname))) return;
  void AppShell.preload();
  const page = shellRoutes.find((route) => matchPath(route.path, pathname))?.page;
  if (page && 'preload' in page && typeof page.preload === 'function') void page.preload();
}

export function AppRoutes() {
  return (
    <Routes>
      {standaloneRoutes.map((route) => (
        <Route
          key={route.path}
          path={route.path}
          element={
            <RoutedPage titleKey={route.titleKey} frame="standalone" permission={route.permission} page={route.page} />
          }
        />
      ))}
      <Route
        element={
          <RequireSignIn>
            <PageErrorBoundary>
              <Suspense
                fallback={
                  <StandaloneFrame>
                    <PageLoading />
                  </StandaloneFrame>
                }
              >
                <AppShell />
              </Suspense>
            </PageErrorBoundary>
          </RequireSignIn>
        }
      >
        {shellRoutes.map((route) => (
          <Route
            key={route.path}
            path={route.path}
            element={
              <RoutedPage titleKey={route.titleKey} frame="shell" permission={route.permission} page={route.page} />
            }
          />
        ))}
        <Route path="*" element={<RoutedPage titleKey="page.notFoundTitle" frame="shell" page={NotFoundPage} />} />
      </Route>
    </Routes>
  );
}
