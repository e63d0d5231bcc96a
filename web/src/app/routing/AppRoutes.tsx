import { Route, Routes } from 'react-router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { AppShell } from '../layout/AppShell';
import { shellRoutes, standaloneRoutes } from './featureRegistry';
import { NotFoundPage } from './NotFoundPage';
import { RoutedPage } from './RoutedPage';

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
            <AppShell />
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
