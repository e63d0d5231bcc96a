import { Layout } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { IdleWarning } from '../auth/IdleWarning';
import { usePhoneLayout } from '../preferences/usePhoneLayout';
import { markFirstPageShown, useFirstPageShown } from '../routing/firstPage';
import { ShellHeader } from './ShellHeader';
import { mainContentId, SkipLink } from './SkipLink';

const drawerNavigationId = 'haven-drawer-navigation';

// The menus (antd's Menu, Drawer, Dropdown: ~60 KB) come after the first page has its data (routing/firstPage.ts).
const MainNavigation = lazy(() => import('./MainNavigation').then((module) => ({ default: module.MainNavigation })));
const NavigationDrawer = lazy(() =>
  import('./NavigationDrawer').then((module) => ({ default: module.NavigationDrawer })),
);
// If the first page never settles (an error, a request that hangs), the menus come anyway.
const menusAtLatestMs = 10_000;

/**
 * Header, side menu and main area. Built on antd Layout + Menu rather than ProLayout: ProLayout's
 * side layout renders no header on desktop, its phone menu button is a <span> that keyboards cannot
 * reach, and its fixed header renders two <header> landmarks (see web/README.md).
 */
export function AppShell() {
  const phone = usePhoneLayout();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menus = useFirstPageShown();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the drawer closes when the page or the layout changes
  useEffect(() => setDrawerOpen(false), [pathname, phone]);
  useEffect(() => {
    const timer = window.setTimeout(markFirstPageShown, menusAtLatestMs);
    return () => window.clearTimeout(timer);
  }, []);

  const toggleDrawer = () => {
    markFirstPageShown();
    setDrawerOpen((open) => !open);
  };

  return (
    <Layout className="haven-shell">
      <SkipLink />
      <IdleWarning />
      <ShellHeader
        showTagline={!phone}
        menuButton={phone ? { open: drawerOpen, controls: drawerNavigationId, onToggle: toggleDrawer } : undefined}
      />
      <Layout hasSider={!phone}>
        {!phone && (
          <div className="haven-sider">
            {menus && (
              <Suspense fallback={null}>
                <MainNavigation />
              </Suspense>
            )}
          </div>
        )}
        <Layout.Content id={mainContentId} tabIndex={-1} className="haven-main">
          <Outlet />
        </Layout.Content>
      </Layout>
      {phone && menus && (
        <Suspense fallback={null}>
          <NavigationDrawer id={drawerNavigationId} open={drawerOpen} onClose={() => setDrawerOpen(false)} />
        </Suspense>
      )}
    </Layout>
  );
}
