import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { type MenuRoute, menuRouteFor, menuRoutes } from '../routing/featureRegistry';
import { groupMenuRoutes } from '../routing/menuGroups';

interface MainNavigationProps {
  id?: string;
  onNavigate?: () => void;
}

export function MainNavigation({ id, onNavigate }: MainNavigationProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { can } = useAuth();
  const current = menuRouteFor(pathname);
  // Only what this person may use: an entry that opens onto "no access" is a dead end.
  const visible = menuRoutes.filter(
    (route) => (route.permission === undefined || can(route.permission)) && (route.menu.shownTo?.(can) ?? true),
  );
  const entry = (route: MenuRoute) => ({
    key: route.path,
    icon: route.menu.icon,
    label: (
      <Link to={route.path} onClick={onNavigate} aria-current={current === route ? 'page' : undefined}>
        {t(route.titleKey)}
      </Link>
    ),
  });
  const groups = groupMenuRoutes(visible);
  // A short menu (a mandated reporter's three entries) reads better without section titles.
  const items =
    visible.length <= 6 || groups.length < 2
      ? visible.map(entry)
      : groups.map((group) => ({
          type: 'group' as const,
          key: `group-${group.key}`,
          label: t(`shell.menuGroup.${group.key}`),
          children: group.routes.map(entry),
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
