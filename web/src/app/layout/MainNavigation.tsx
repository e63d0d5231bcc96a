import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { menuRouteFor, menuRoutes } from '../routing/featureRegistry';

interface MainNavigationProps {
  id?: string;
  onNavigate?: () => void;
}

export function MainNavigation({ id, onNavigate }: MainNavigationProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = menuRouteFor(pathname);
  const items = menuRoutes.map((route) => ({
    key: route.path,
    icon: route.menu.icon,
    label: (
      <Link to={route.path} onClick={onNavigate} aria-current={current === route ? 'page' : undefined}>
        {t(route.titleKey)}
      </Link>
    ),
  }));
  return (
    <nav id={id} className="haven-navigation" aria-label={t('shell.mainNavigation')}>
      {/* tabIndex -1: the links are the Tab stops; a focusable list around them would be a second
          stop where Enter does not navigate. The title tooltip only serves a collapsed menu, which
          Haven never shows; left on, it points aria-describedby at a tooltip that does not exist. */}
      <Menu
        mode="inline"
        items={items}
        selectedKeys={current ? [current.path] : []}
        tabIndex={-1}
        _internalDisableMenuItemTitleTooltip
      />
    </nav>
  );
}
