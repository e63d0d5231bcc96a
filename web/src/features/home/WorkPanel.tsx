import {
  AlertOutlined,
  CheckOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  FormOutlined,
  InboxOutlined,
  ScheduleOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import type { Permission } from '../../app/auth/permissions';
import { codeText, formatMinute, situationText } from '../cases/labels';
import { LinkButton } from '../cases/LinkButton';
import { ReportNumber } from '../reports/drawer/ReportNumber';
import { useAcknowledge } from '../reports/drawer/useAcknowledge';
import { type SectionCount, useMyWorkCounts } from './workbenchApi';
import './workbench.css';

/** The sections this page knows first; a section added by a newer feature follows them, under its own label. */
const knownOrder = ['reportsToAcknowledge', 'caseSteps', 'alerts'];

function CountTile({ count }: { count: SectionCount }) {
  const { t } = useTranslation();
  const label = codeText(t, `myWork.section.${count.section}`, t('workbench.otherSection'));
  return (
    <Link to="/my-work" className={`haven-count-tile${count.overdue > 0 ? ' haven-count-tile-late' : ''}`}>
      <span className="haven-count-number">{count.total}</span>
      <span className="haven-count-label">{label}</span>
      {count.overdue > 0 && (
        <span className="haven-case-late">
          <WarningFilled aria-hidden /> {t('workbench.overdueCount', { count: count.overdue })}
        </span>
      )}
    </Link>
  );
}

interface BigButton {
  to: string;
  permission: Permission;
  icon: ReactNode;
  label: string;
}

/** "My work" as a start page: counts per section, the reports to acknowledge now, and large buttons. */
export function WorkPanel() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const work = useMyWorkCounts(true);
  const { acknowledge, busy, holder } = useAcknowledge();

  const buttons: BigButton[] = [
    { to: '/my-work', permission: 'cases.read', icon: <ScheduleOutlined aria-hidden />, label: t('myWork.title') },
    {
      to: '/reports/inbox',
      permission: 'reports.receive',
      icon: <InboxOutlined aria-hidden />,
      label: t('reports.inbox.title'),
    },
    {
      to: '/registry',
      permission: 'children.read',
      icon: <FileSearchOutlined aria-hidden />,
      label: t('nav.registry'),
    },
    { to: '/cases', permission: 'cases.read', icon: <FolderOpenOutlined aria-hidden />, label: t('cases.title') },
    {
      to: '/reports/new',
      permission: 'reports.submit',
      icon: <FormOutlined aria-hidden />,
      label: t('reports.new.title'),
    },
  ];

  let counts: ReactNode;
  let urgent: ReactNode = null;
  if (work.isPending) counts = <Spin />;
  else if (work.isError)
    counts = (
      <Alert type="error" showIcon message={t('myWork.loadFailed')} description={describeApiError(work.error, t)} />
    );
  else {
    const shown = work.data.counts
      // A section with nothing in it is shown only when it is this person's daily work (the reports
      // they must acknowledge, the case steps they carry); every other empty section would be a row
      // of zeros a village director cannot act on.
      .filter(
        (count) =>
          count.total > 0 ||
          (count.section === 'reportsToAcknowledge' && can('reports.receive')) ||
          (count.section === 'caseSteps' && can('cases.act')),
      )
      .sort((a, b) => {
        const rank = (s: string) => (knownOrder.includes(s) ? knownOrder.indexOf(s) : knownOrder.length);
        return rank(a.section) - rank(b.section);
      });
    const overdue = work.data.counts.reduce((sum, count) => sum + count.overdue, 0);
    counts = (
      <>
        <p
          role="status"
          className={overdue > 0 ? 'haven-case-late haven-workbench-summary' : 'haven-workbench-summary'}
        >
          {overdue > 0 ? (
            <>
              <WarningFilled aria-hidden /> {t('workbench.overdueSummary', { count: overdue })}
            </>
          ) : (
            <>
              <CheckOutlined aria-hidden /> {t('workbench.nothingOverdue')}
            </>
          )}
        </p>
        <div className="haven-count-tiles">
          {shown.map((count) => (
            <CountTile key={count.section} count={count} />
          ))}
        </div>
      </>
    );
    const reports = [...work.data.work.reportsToAcknowledge]
      .sort((a, b) => Number(b.immediateDanger) - Number(a.immediateDanger) || Number(b.overdue) - Number(a.overdue))
      .slice(0, 3);
    if (reports.length > 0 && can('reports.receive'))
      urgent = (
        <section className="haven-work-group" aria-labelledby="haven-workbench-reports">
          <h2 id="haven-workbench-reports">{t('workbench.acknowledgeNow')}</h2>
          <ul className="haven-work-list">
            {reports.map((report) => (
              <li key={report.reportId} className={report.overdue ? 'haven-work-overdue' : 'haven-work-today'}>
                <div className="haven-work-item-main">
                  <ReportNumber id={report.reportId} refNo={report.refNo} />{' '}
                  {report.immediateDanger && (
                    <span className="haven-case-late">
                      <WarningFilled aria-hidden /> {t('myWork.danger')}
                    </span>
                  )}
                  <p>{report.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator'))}</p>
                  <p className={report.overdue ? 'haven-case-late' : undefined}>
                    {report.overdue
                      ? t('myWork.overdueSince', { at: formatMinute(report.dueAt, t) })
                      : t('myWork.dueAt', { at: formatMinute(report.dueAt, t) })}
                  </p>
                </div>
                <Button
                  type="primary"
                  size="large"
                  icon={<CheckOutlined aria-hidden />}
                  loading={busy === report.reportId}
                  onClick={() =>
                    void acknowledge({
                      id: report.reportId,
                      refNo: report.refNo,
                      immediateDanger: report.immediateDanger,
                    })
                  }
                  aria-label={t('myWork.acknowledgeReport', { refNo: report.refNo })}
                >
                  {t('myWork.acknowledge')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      );
  }

  return (
    <section className="haven-workbench-part" aria-labelledby="haven-workbench-work">
      {holder}
      <h2 id="haven-workbench-work">
        <AlertOutlined aria-hidden /> {t('workbench.myWork')}
      </h2>
      {counts}
      {urgent}
      <nav className="haven-big-buttons" aria-label={t('workbench.shortcuts')}>
        {buttons
          .filter((button) => can(button.permission))
          .map((button) => (
            <LinkButton key={button.to} to={button.to} size="large" icon={button.icon}>
              {button.label}
            </LinkButton>
          ))}
      </nav>
    </section>
  );
}
