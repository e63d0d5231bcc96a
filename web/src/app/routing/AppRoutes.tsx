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

// The side menu and its drawer are not needed by the pages anyone may open (sign-in, the public
// report): they come in their own chunk. A signed-in page starts that download with the first
// scripts rather than after the session check.
const AppShell = lazyPage(() => import('../layout/AppShell').then((module) => ({ default: module.AppShell })));
if (!standaloneRoutes.some((route) => matchPath(route.path, window.location.pathname))) void AppShell.preload();

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
