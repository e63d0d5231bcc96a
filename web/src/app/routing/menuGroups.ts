import type { MenuRoute } from './featureRegistry';

/**
 * The side menu's sections. A feature places its entry by `menu.order` alone, so adding a page never
 * edits this list: each section owns a range of orders.
 */
export const menuGroups = [
  { key: 'work', from: 0 },
  { key: 'children', from: 10 },
  { key: 'security', from: 40 },
  { key: 'society', from: 60 },
  { key: 'coordination', from: 80 },
  { key: 'system', from: 100 },
] as const;

export type MenuGroupKey = (typeof menuGroups)[number]['key'];

export function menuGroupOf(route: MenuRoute): MenuGroupKey {
  let found: MenuGroupKey = menuGroups[0].key;
  for (const group of menuGroups) if (route.menu.order >= group.from) found = group.key;
  return found;
}

/** Routes in menu order, cut into their sections; sections with no entry are left out. */
export function groupMenuRoutes(routes: readonly MenuRoute[]): { key: MenuGroupKey; routes: MenuRoute[] }[] {
  return menuGroups
    .map((group) => ({ key: group.key, routes: routes.filter((route) => menuGroupOf(route) === group.key) }))
    .filter((group) => group.routes.length > 0);
}
