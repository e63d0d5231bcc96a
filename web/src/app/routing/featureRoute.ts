import type { ParseKeys } from 'i18next';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '../auth/permissions';

/**
 * One page a feature contributes. Each folder in web/src/features/ that has a `routes.tsx`
 * exporting `routes: FeatureRoute[]` appears in the app; nothing else needs editing, so the menu
 * shows exactly the parts that exist.
 */
export interface FeatureRoute {
  /** Absolute path; its first segment names the feature, e.g. '/registry', '/registry/:childId'. */
  path: string;
  /** Translation key of the page title: used for the heading, breadcrumb, menu and tab title. */
  titleKey: ParseKeys;
  /**
   * 'shell': inside the side menu and header, for signed-in people only; 'standalone': a bare
   * page anyone may open, such as sign-in.
   */
  frame: 'shell' | 'standalone';
  /**
   * Needed to open the page; without it the page is left out of the menu and opening it directly
   * says so. The server checks every call again: this only keeps the menu to what works.
   */
  permission?: Permission;
  /** Present when the page has its own entry in the side menu; lower `order` comes first. */
  menu?: {
    order: number;
    icon: ReactNode;
    /** Narrows the menu entry beyond `permission`, for a page only some holders of it work in (the hotline console). */
    shownTo?: (can: (permission: Permission) => boolean) => boolean;
  };
  /**
   * Loaded on first visit only, so each part of the app downloads when it is opened:
   * `lazyPage(() => import('./SomePage'))` (./lazyPage.tsx; React's `lazy` works too).
   */
  page: LazyExoticComponent<ComponentType>;
}

/**
 * How the child's timeline names the entries a feature writes and links to what they are about, so
 * a new feature's entries read in words without editing the registry's timeline.
 */
export interface FeatureTimeline {
  /** Kind prefix (`referral` of `referral.accept`) → translation key under which each action has its label. */
  kinds?: Record<string, string>;
  /** Entity type of an entry (`benefit_application`) → the page that shows it. */
  links?: Record<string, (entityId: string) => string>;
}

export interface FeatureModule {
  routes: FeatureRoute[];
  timeline?: FeatureTimeline;
}
