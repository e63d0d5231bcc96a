import { CheckOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Pagination } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../app/auth/AuthProvider';
import { codeText, formatMinute, situationText } from '../../cases/labels';
import { DivisionName } from '../../divisions/DivisionName';
import { ReportNumber } from '../drawer/ReportNumber';
import type { InboxReport } from '../reportsApi';

interface InboxCardsProps {
  reports: InboxReport[];
  loading: boolean;
  busy: string | null;
  onAcknowledge: (report: InboxReport) => void;
  onOpenCase: (reportId: string) => void;
  page: number;
  total: number;
  onPage: (page: number) => void;
}

/** Received reports on a phone: one card each, 确认收到 first and full width, nothing to scroll sideways. */
export function InboxCards({
  reports,
  loading,
  busy,
  onAcknowledge,
  onOpenCase,
  page,
  total,
  onPage,
}: InboxCardsProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (reports.length === 0) return <p className="haven-secondary">{loading ? '' : t('reports.inbox.empty')}</p>;
  return (
    <>
      <ul className="haven-work-list haven-report-cards" aria-label={t('reports.inbox.title')}>
        {reports.map((report) => {
          const waiting = !report.myAcknowledgedAt;
          return (
            <li
              key={report.id}
              className={waiting ? (report.overdue ? 'haven-work-overdue' : 'haven-work-today') : undefined}
            >
              <div className="haven-work-item-main">
                <ReportNumber id={report.id} refNo={report.refNo} />{' '}
                <span className="haven-secondary">
                  {codeText(t, `reports.channel.${report.channel}`, report.channel)}
                </span>
                {report.immediateDanger && (
                  <p className="haven-case-late">
                    <WarningFilled aria-hidden /> {t('myWork.danger')}
                  </p>
                )}
                <p>{report.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator'))}</p>
                <p>
                  <DivisionName code={report.divisionCode} /> · {formatMinute(report.reportedAt, t)}
                </p>
                <p>
                  {report.myAcknowledgedAt ? (
                    <span className="haven-case-met">
                      <CheckOutlined aria-hidden />{' '}
                      {t('reports.inbox.acknowledgedAt', { at: formatMinute(report.myAcknowledgedAt, t) })}
                    </span>
                  ) : report.overdue ? (
                    <span className="haven-case-late">
                      <WarningFilled aria-hidden /> {t('myWork.overdueSince', { at: formatMinute(report.dueAt, t) })}
                    </span>
                  ) : (
                    t('myWork.dueAt', { at: formatMinute(report.dueAt, t) })
                  )}
                </p>
              </div>
              <div className="haven-report-card-actions">
                {waiting && can('reports.receive') && (
                  <Button
                    type="primary"
                    size="large"
                    block
                    icon={<CheckOutlined aria-hidden />}
                    loading={busy === report.id}
                    onClick={() => onAcknowledge(report)}
                    aria-label={t('myWork.acknowledgeReport', { refNo: report.refNo })}
                  >
                    {t('myWork.acknowledge')}
                  </Button>
                )}
                {report.caseId ? (
                  <Link to={`/cases/${report.caseId}`}>{t('myWork.openCase')}</Link>
                ) : (
                  can('cases.act') && (
                    <Button
                      size="large"
                      block
                      onClick={() => onOpenCase(report.id)}
                      aria-label={t('reports.inbox.openCaseFor', { refNo: report.refNo })}
                    >
                      {t('reports.inbox.openCase')}
                    </Button>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <Pagination
        current={page}
        pageSize={20}
        total={total}
        onChange={onPage}
        hideOnSinglePage
        simple
        showSizeChanger={false}
      />
    </>
  );
}
