import type { FeatureModule, FeatureRoute } from './featureRoute';

const featureModules = import.meta.glob<FeatureModule>('../../features/*/routes.tsx', { eager: true });

export const featureRoutes: readonly FeatureRoute[] = Object.values(featureModules).flatMap((module) => module.routes);

const timelines = Object.values(featureModules).flatMap((module) => (module.timeline ? [module.timeline] : []));
const timelineKinds = new Map(timelines.flatMap((timeline) => Object.entries(timeline.kinds ?? {})));
const timelineLinks = new Map(timelines.flatMap((timeline) => Object.entries(timeline.links ?? {})));

/** The translation key of a timeline kind a feature declared (`referral.accept` → `referrals.timelineKind.accept`). */
export function timelineKindKey(kind: string): string | undefined {
  const dot = kind.indexOf('.');
  const prefix = dot < 0 ? undefined : timelineKinds.get(kind.slice(0, dot));
  return prefix ? `${prefix}.${kind.slice(dot + 1)}` : undefined;
}

/** The page of the thing a timeline entry is about, when its feature has one. */
export function timelineLink(entityType: string | null, entityId: string | null): string | undefined {
  return entityType && entityId ? timelineLinks.get(entityType)?.(entityId) : undefined;
}

export const shellRoutes = featureRoutes.filter((route) => route.frame === 'shell');
export const standaloneRoutes = featureRoutes.filter((route) => route.frame === 'standalone');

export type MenuRoute = FeatureRoute & { menu: NonNullable<FeatureRoute['menu']> };

export const menuRoutes: readonly MenuRoute[] = shellRoutes
  .filter((route): route is MenuRoute => route.menu !== undefined)
  .sort((a, b) => a.menu.order - b.menu.order);

/** The menu entry a path belongs to: the longest menu path that is a prefix of it. */
export function menuRouteFor(pathname: string): MenuRoute | undefined {
  return menuRoutes
    .filter((route) =>
      route.path === '/' ? pathname === '/' : pathname === route.path || pathname.startsWith(`${route.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export const homeRoute: FeatureRoute | undefined = featureRoutes.find((route) => route.path === '/');
