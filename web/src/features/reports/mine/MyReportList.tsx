import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../../app/list/TableFrame';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { CaseStatusTag, formatMinute } from '../../cases/labels';
import { ReportNumber } from '../drawer/ReportNumber';
import type { MyReport } from '../reportsApi';
import '../../cases/cases.css';

function StageText({ report }: { report: MyReport }) {
  const { t } = useTranslation();
  return <strong>{t(`reports.stage.${report.stage}`)}</strong>;
}

function Acknowledged({ report }: { report: MyReport }) {
  const { t } = useTranslation();
  return report.acknowledgedBy.length ? (
    <>{report.acknowledgedBy.join(t('cases.punct.listSeparator'))}</>
  ) : (
    <span className="haven-secondary">{t('reports.mine.notAcknowledged')}</span>
  );
}

/** The reports I made with their progress and outcome: cards on a phone, a table on a desk. */
export function MyReportList({ reports, loading }: { reports: MyReport[]; loading: boolean }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  if (phone)
    return reports.length === 0 ? (
      <p className="haven-secondary">{loading ? '' : t('reports.mine.empty')}</p>
    ) : (
      <ul className="haven-work-list" aria-label={t('reports.title')}>
        {reports.map((report) => (
          <li key={report.id} className={report.stage === 'received' ? 'haven-work-today' : undefined}>
            <div className="haven-work-item-main">
              <ReportNumber id={report.id} refNo={report.refNo} /> ·{' '}
              <span className="haven-secondary">{formatMinute(report.reportedAt, t)}</span>
              <p>
                {t('reports.mine.stage')}: <StageText report={report} />{' '}
                {report.caseStatus && <CaseStatusTag status={report.caseStatus} />}
              </p>
              <p>
                {t('reports.mine.acknowledgedBy')}: <Acknowledged report={report} />
              </p>
              {report.outcome && (
                <p>
                  {t('reports.mine.outcome')}: {report.outcome}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
    );
  const columns: TableColumnsType<MyReport> = [
    {
      key: 'ref',
      title: t('reports.mine.ref'),
      render: (_, report) => <ReportNumber id={report.id} refNo={report.refNo} />,
    },
    {
      key: 'reportedAt',
      title: t('reports.mine.reportedAt'),
      render: (_, report) => formatMinute(report.reportedAt, t),
    },
    {
      key: 'acknowledgedBy',
      title: t('reports.mine.acknowledgedBy'),
      render: (_, report) => <Acknowledged report={report} />,
    },
    { key: 'stage', title: t('reports.mine.stage'), render: (_, report) => <StageText report={report} /> },
    {
      key: 'caseStatus',
      title: t('reports.mine.caseStatus'),
      render: (_, report) => (report.caseStatus ? <CaseStatusTag status={report.caseStatus} /> : '—'),
    },
    { key: 'outcome', title: t('reports.mine.outcome'), render: (_, report) => report.outcome ?? '—' },
  ];
  return (
    <TableFrame label={t('list.tableLabel')}>
      <Table<MyReport>
        rowKey="id"
        columns={columns}
        dataSource={reports}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reports.mine.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </TableFrame>
  );
}
