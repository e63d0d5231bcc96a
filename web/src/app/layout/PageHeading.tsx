import { Breadcrumb } from 'antd';
import type { ParseKeys } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { homeRoute, menuRouteFor } from '../routing/featureRegistry';

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
  const crumbs = [
    ...(homeRoute && location.pathname !== '/' ? [{ title: <Link to="/">{t(homeRoute.titleKey)}</Link> }] : []),
    ...(list && list.path !== '/' && list.path !== location.pathname
      ? [{ title: <Link to={list.path}>{t(list.titleKey)}</Link> }]
      : []),
    { title },
  ];
  return (
    <div className="haven-page-heading">
      {/* A single crumb would only repeat the heading (ProLayout hides it too). */}
      {crumbs.length > 1 && <Breadcrumb items={crumbs} aria-label={t('shell.breadcrumb')} />}
      <h1 className="haven-page-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
    </div>
  );
}
