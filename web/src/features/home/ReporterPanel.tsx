import { FormOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { LinkButton } from '../cases/LinkButton';
import { MyReportList } from '../reports/mine/MyReportList';
import { useMyReports } from '../reports/reportsApi';
import './workbench.css';

/** A mandated reporter's start: make a report, and see what became of mine (the law says I am told). */
export function ReporterPanel() {
  const { t } = useTranslation();
  const reports = useMyReports();
  return (
    <section className="haven-workbench-part" aria-labelledby="haven-workbench-reporter">
      <nav className="haven-big-buttons" aria-label={t('workbench.shortcuts')}>
        <LinkButton to="/reports/new" type="primary" size="large" icon={<FormOutlined aria-hidden />}>
          {t('reports.new.title')}
        </LinkButton>
      </nav>
      <h2 id="haven-workbench-reporter">{t('workbench.myReports')}</h2>
      <p className="haven-secondary">{t('reports.mine.intro')}</p>
      {reports.isError && (
        <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(reports.error, t)} />
      )}
      <MyReportList reports={reports.data ?? []} loading={reports.isFetching} />
    </section>
  );
}
