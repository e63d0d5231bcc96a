import { FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { LinkButton } from '../cases/LinkButton';
import { takesCalls } from './hotline/takesCalls';
import { MyReportList } from './mine/MyReportList';
import { useMyReports } from './reportsApi';

/** 强制报告: the reports I made and what came of each (the law says the reporter is told). */
export default function MyReportsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const reports = useMyReports();
  const hotline = takesCalls(can);

  return (
    <>
      <div className="haven-toolbar">
        <p className="haven-list-count" role="status">
          {reports.data ? t('list.total', { count: reports.data.length }) : ''}
        </p>
        <span className="haven-form-footer">
          {hotline && (
            <LinkButton to="/reports/hotline" type="primary" icon={<PhoneOutlined aria-hidden />}>
              {t('reports.hotline.title')}
            </LinkButton>
          )}
          <LinkButton to="/reports/new" type={hotline ? 'default' : 'primary'} icon={<FormOutlined aria-hidden />}>
            {t('reports.new.title')}
          </LinkButton>
        </span>
      </div>
      <p className="haven-secondary">{t('reports.mine.intro')}</p>
      {reports.isError && (
        <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(reports.error, t)} />
      )}
      <MyReportList reports={reports.data ?? []} loading={reports.isFetching} />
    </>
  );
}
