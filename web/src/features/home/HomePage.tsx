import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthProvider';
import { PageLoading } from '../../app/routing/PageLoading';
import { menuRoutes } from '../../app/routing/featureRegistry';
import { LinkButton } from '../cases/LinkButton';
import { HealthCard } from './HealthCard';
import { NumbersPanel } from './NumbersPanel';
import { ReporterPanel } from './ReporterPanel';
import { WorkPanel } from './WorkPanel';
import { workbenchOf } from './workbench';
import './workbench.css';

const HotlineConsole = lazy(() => import('../reports/hotline/HotlineConsolePage'));
const Dashboards = lazy(() => import('../insight/InsightPage'));

/** Whatever else this person may open, as large buttons: the start of a role this page has no part for. */
function MenuButtons() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const entries = menuRoutes.filter(
    (route) =>
      route.path !== '/' &&
      (route.permission === undefined || can(route.permission)) &&
      (route.menu.shownTo?.(can) ?? true),
  );
  return (
    <nav className="haven-big-buttons haven-workbench-part" aria-label={t('workbench.shortcuts')}>
      {entries.map((route) => (
        <LinkButton key={route.path} to={route.path} size="large" icon={route.menu.icon}>
          {t(route.titleKey)}
        </LinkButton>
      ))}
    </nav>
  );
}

/** 工作台: the person's work, decided from their permissions; system health only for administrators. */
export default function HomePage() {
  const { can } = useAuth();
  const parts = workbenchOf(can);
  return (
    <div className="haven-workbench" data-workbench={parts.join(' ')}>
      {parts.includes('console') && (
        <Suspense fallback={<PageLoading />}>
          <HotlineConsole />
        </Suspense>
      )}
      {parts.includes('work') && <WorkPanel />}
      {parts.includes('numbers') && <NumbersPanel />}
      {parts.includes('reporter') && <ReporterPanel />}
      {parts.includes('dashboards') && (
        <Suspense fallback={<PageLoading />}>
          <Dashboards />
        </Suspense>
      )}
      {parts.includes('health') && <MenuButtons />}
      {parts.includes('health') && <HealthCard />}
      {parts.length === 0 && <MenuButtons />}
    </div>
  );
}
