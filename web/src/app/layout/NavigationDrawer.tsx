import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { MainNavigation } from './MainNavigation';

interface NavigationDrawerProps {
  id: string;
  open: boolean;
  onClose: () => void;
}

/** The main menu on a phone, in a drawer opened from the header (its own chunk, with antd's Drawer and Menu). */
export function NavigationDrawer({ id, open, onClose }: NavigationDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      placement="left"
      width="min(300px, 85vw)"
      open={open}
      onClose={onClose}
      title={t('shell.mainNavigation')}
      closable={{ 'aria-label': t('shell.closeMenu') }}
      className="haven-navigation-drawer"
      forceRender
      styles={{ body: { padding: 0 } }}
    >
      <MainNavigation id={id} onNavigate={onClose} />
    </Drawer>
  );
}
