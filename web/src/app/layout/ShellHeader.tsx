import { MenuOutlined } from '@ant-design/icons';
import { Button, Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { useFirstPageShown } from '../routing/firstPage';
import { lazyPage } from '../routing/lazyPage';
import { PreferenceControls } from './PreferenceControls';

// Only a signed-in person has an account menu: its dropdown (antd's Dropdown and Menu) is not part of
// the signed-out pages' first load (the public report page on a slow line), and comes after the first
// page has its data (routing/firstPage.ts).
const AccountMenu = lazyPage(() => import('./AccountMenu').then((module) => ({ default: module.AccountMenu })));

interface ShellHeaderProps {
  /** Present on phone layouts, where the menu lives in a drawer. */
  menuButton?: { open: boolean; controls: string; onToggle: () => void };
  showTagline: boolean;
}

function HavenMark() {
  return (
    <svg className="haven-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#0958d9" />
      <path d="M16 25s-9-5.4-9-11.5A4.9 4.9 0 0 1 16 11a4.9 4.9 0 0 1 9 2.5C25 19.6 16 25 16 25z" fill="#fff" />
    </svg>
  );
}

export function ShellHeader({ menuButton, showTagline }: ShellHeaderProps) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const menus = useFirstPageShown();
  return (
    <Layout.Header className="haven-header">
      {menuButton && (
        <Button
          type="text"
          className="haven-menu-button"
          icon={<MenuOutlined />}
          aria-label={menuButton.open ? t('shell.closeMenu') : t('shell.openMenu')}
          aria-expanded={menuButton.open}
          aria-controls={menuButton.controls}
          onClick={menuButton.onToggle}
        />
      )}
      <Link to="/" className="haven-brand">
        <HavenMark />
        <span className="haven-brand-name">{t('app.name')}</span>
        {showTagline && <span className="haven-brand-tagline">{t('app.tagline')}</span>}
      </Link>
      <PreferenceControls />
      {me && menus && (
        <Suspense fallback={null}>
          <AccountMenu />
        </Suspense>
      )}
    </Layout.Header>
  );
}
