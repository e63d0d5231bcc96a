import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

export type PageModule = { default: ComponentType };

/**
 * A feature page downloaded on first visit: `page: lazyPage(() => import('./SomePage'))` in a
 * feature's routes.tsx. RoutedPage shows the page-loading state (PageLoading) until it arrives.
 * A chunk that fails to arrive (a dropped connection on a slow line) is asked for once more before
 * the page's error boundary takes over; `preload()` starts the download early (a likely next page).
 */
export function lazyPage(load: () => Promise<PageModule>): LazyExoticComponent<ComponentType> & {
  preload: () => Promise<PageModule>;
} {
  let pending: Promise<PageModule> | undefined;
  const preload = () => {
    pending ??= load().catch(() => {
      pending = undefined;
      return load();
    });
    return pending;
  };
  return Object.assign(lazy(preload), { preload });
}
