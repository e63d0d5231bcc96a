import { FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { TableFrame } from '../../app/list/TableFrame';
import { CaseStatusTag, formatMinute } from '../cases/labels';
import { LinkButton } from '../cases/LinkButton';
import { type MyReport, useMyReports } from './reportsApi';

/** 强制报告: the reports I made and what came of each (the law says the reporter is told). */
export default function MyReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reports = useMyReports();
  const hotline = me.roles.includes('hotline_operator');

  const columns: TableColumnsType<MyReport> = [
    {
      key: 'ref',
      title: t('reports.mine.ref'),
      render: (_, report) => <span className="haven-code">{report.refNo}</span>,
    },
    {
      key: 'reportedAt',
      title: t('reports.mine.reportedAt'),
      render: (_, report) => formatMinute(report.reportedAt, t),
    },
    {
      key: 'acknowledgedBy',
      title: t('reports.mine.acknowledgedBy'),
      render: (_, report) =>
        report.acknowledgedBy.length ? (
          report.acknowledgedBy.join(t('cases.punct.listSeparator'))
        ) : (
          <span className="haven-secondary">{t('reports.mine.notAcknowledged')}</span>
        ),
    },
    {
      key: 'stage',
      title: t('reports.mine.stage'),
      render: (_, report) => (report.stage ? t(`reports.stage.${report.stage}`) : '—'),
    },
    {
      key: 'caseStatus',
      title: t('reports.mine.caseStatus'),
      render: (_, report) => (report.caseStatus ? <CaseStatusTag status={report.caseStatus} /> : '—'),
    },
    { key: 'outcome', title: t('reports.mine.outcome'), render: (_, report) => report.outcome ?? '—' },
  ];

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
      <TableFrame label={t('list.tableLabel')}>
        <Table<MyReport>
          rowKey="id"
          columns={columns}
          dataSource={reports.data ?? []}
          loading={reports.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reports.mine.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </TableFrame>
    </>
  );
}
