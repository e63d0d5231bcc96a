import { Drawer, Layout } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { IdleWarning } from '../auth/IdleWarning';
import { usePhoneLayout } from '../preferences/usePhoneLayout';
import { MainNavigation } from './MainNavigation';
import { ShellHeader } from './ShellHeader';
import { mainContentId, SkipLink } from './SkipLink';

const drawerNavigationId = 'haven-drawer-navigation';

/**
 * Header, side menu and main area. Built on antd Layout + Menu rather than ProLayout: ProLayout's
 * side layout renders no header on desktop, its phone menu button is a <span> that keyboards cannot
 * reach, and its fixed header renders two <header> landmarks (see web/README.md).
 */
export function AppShell() {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the drawer closes when the page or the layout changes
  useEffect(() => setDrawerOpen(false), [pathname, phone]);

  return (
    <Layout className="haven-shell">
      <SkipLink />
      <IdleWarning />
      <ShellHeader
        showTagline={!phone}
        menuButton={
          phone
            ? { open: drawerOpen, controls: drawerNavigationId, onToggle: () => setDrawerOpen((open) => !open) }
            : undefined
        }
      />
      <Layout hasSider={!phone}>
        {!phone && (
          <div className="haven-sider">
            <MainNavigation />
          </div>
        )}
        <Layout.Content id={mainContentId} tabIndex={-1} className="haven-main">
          <Outlet />
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          placement="left"
          width="min(300px, 85vw)"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('shell.mainNavigation')}
          closable={{ 'aria-label': t('shell.closeMenu') }}
          className="haven-navigation-drawer"
          forceRender
          styles={{ body: { padding: 0 } }}
        >
          <MainNavigation id={drawerNavigationId} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
