import type { ParseKeys } from 'i18next';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { homeRoute, menuRouteFor } from '../routing/featureRegistry';

interface Crumb {
  key: string;
  title: ReactNode;
}

/**
 * A native breadcrumb (nav › ol, the current page marked), drawn like antd's: antd's Breadcrumb
 * brings its Dropdown and Menu, which every page's first load would then carry.
 */
function Breadcrumbs({ crumbs, label }: { crumbs: Crumb[]; label: string }) {
  return (
    <nav className="haven-breadcrumb" aria-label={label}>
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.key} aria-current={index === crumbs.length - 1 ? 'page' : undefined}>
            {index > 0 && (
              <span className="haven-breadcrumb-separator" aria-hidden="true">
                /
              </span>
            )}
            {crumb.title}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function PageHeading({ titleKey }: { titleKey: ParseKeys }) {
  const { t } = useTranslation();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t(titleKey);

  // After an in-app navigation, move focus to the new page's heading so screen-reader and keyboard
  // users start there; on the first load (key 'default') focus stays at the top of the document.
  useEffect(() => {
    if (location.key !== 'default') headingRef.current?.focus();
  }, [location.key]);

  // A page below a list (a case, a child's file, a new entry) names the list it belongs to.
  const list = menuRouteFor(location.pathname);
  const crumbs: Crumb[] = [
    ...(homeRoute && location.pathname !== '/'
      ? [{ key: 'home', title: <Link to="/">{t(homeRoute.titleKey)}</Link> }]
      : []),
    ...(list && list.path !== '/' && list.path !== location.pathname
      ? [{ key: 'list', title: <Link to={list.path}>{t(list.titleKey)}</Link> }]
      : []),
    { key: 'page', title },
  ];
  return (
    <div className="haven-page-heading">
      {/* A single crumb would only repeat the heading (ProLayout hides it too). */}
      {crumbs.length > 1 && <Breadcrumbs crumbs={crumbs} label={t('shell.breadcrumb')} />}
      <h1 className="haven-page-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
    </div>
  );
}
