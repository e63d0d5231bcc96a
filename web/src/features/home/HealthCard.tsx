import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Spin } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { useSystemHealth, type SystemHealth } from './healthApi';
import { StatusText } from './StatusText';

function HealthDetails({ health, checkedAt }: { health: SystemHealth; checkedAt: number }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const { database } = health;
  const healthy = health.status === 'ok' && database.reachable && database.pendingMigrations === 0;
  const items = [
    {
      key: 'overall',
      label: t('home.overall'),
      children: (
        <span role="status">
          <StatusText tone={healthy ? 'good' : 'warning'}>
            {healthy ? t('home.statusOk') : t('home.statusDegraded')}
          </StatusText>
        </span>
      ),
    },
    { key: 'version', label: t('home.version'), children: health.version },
    {
      key: 'database',
      label: t('home.database'),
      children: database.reachable ? (
        <StatusText tone="good">{t('home.databaseReachable')}</StatusText>
      ) : (
        <StatusText tone="bad">{t('home.databaseUnreachable')}</StatusText>
      ),
    },
    ...(database.mode
      ? [
          {
            key: 'mode',
            label: t('home.databaseMode'),
            children: database.mode === 'embedded' ? t('home.databaseEmbedded') : t('home.databaseServer'),
          },
        ]
      : []),
    {
      key: 'migration',
      label: t('home.migrationsCurrent'),
      children: database.currentMigration ?? t('home.migrationsNone'),
    },
    {
      key: 'pending',
      label: t('home.migrationsPending'),
      children: (
        <StatusText tone={database.pendingMigrations === 0 ? 'good' : 'warning'}>
          {t('home.migrationsPendingCount', { count: database.pendingMigrations })}
        </StatusText>
      ),
    },
    { key: 'checkedAt', label: t('home.checkedAt'), children: dayjs(checkedAt).format(t('format.dateTime')) },
  ];
  // Side-by-side labels squeeze values into broken words at 390 px; phones stack them.
  return (
    <Descriptions
      bordered
      layout={phone ? 'vertical' : 'horizontal'}
      size={phone ? 'small' : 'default'}
      column={phone ? 1 : 2}
      items={items}
    />
  );
}

/** System health: for administrators only (the start page of everyone else is their work). */
export function HealthCard() {
  const { t } = useTranslation();
  const health = useSystemHealth();

  let body: ReactNode;
  if (health.isPending) {
    body = (
      <div className="haven-page-loading" role="status">
        <Spin />
        <span>{t('home.loading')}</span>
      </div>
    );
  } else if (health.isError) {
    const description = describeApiError(health.error, t);
    body = <Alert type="error" showIcon message={t('home.loadFailed')} description={description} />;
  } else {
    body = <HealthDetails health={health.data} checkedAt={health.dataUpdatedAt} />;
  }

  return (
    <Card
      title={<h2 className="haven-card-title">{t('home.systemStatus')}</h2>}
      extra={
        <Button icon={<ReloadOutlined aria-hidden />} loading={health.isFetching} onClick={() => void health.refetch()}>
          {t('home.refresh')}
        </Button>
      }
    >
      {body}
    </Card>
  );
}
