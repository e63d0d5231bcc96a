import { AlertFilled, CheckOutlined, ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { actionForRule, codeText, formatMinute, ruleText, situationText } from '../cases/labels';
import { DivisionName } from '../divisions/DivisionName';
import { PlacementWork } from '../placements/PlacementWork';
import { ReportNumber } from '../reports/drawer/ReportNumber';
import { useAcknowledge } from '../reports/drawer/useAcknowledge';
import { type CaseStepDue, type ReportToAcknowledge, useMyWork, type WorkAlert } from './myWorkApi';
import { urgencyOf, urgencyOrder, type Urgency } from './urgency';
import { WorkSections } from './WorkSections';
import { otherSectionsOverdue } from './sections';
import '../cases/cases.css';

const urgencyIcons: Record<Urgency, ReactNode> = {
  overdue: <WarningFilled aria-hidden />,
  today: <AlertFilled aria-hidden />,
  week: <ClockCircleOutlined aria-hidden />,
  later: <ClockCircleOutlined aria-hidden />,
};

function DueText({ urgency, dueAt }: { urgency: Urgency; dueAt: string | null }) {
  const { t } = useTranslation();
  const at = formatMinute(dueAt, t);
  if (urgency === 'overdue')
    return (
      <span className="haven-case-late">
        {urgencyIcons.overdue} {t('myWork.overdueSince', { at })}
      </span>
    );
  if (urgency === 'today')
    return (
      <span className="haven-case-soon">
        {urgencyIcons.today} {t('myWork.dueToday', { at })}
      </span>
    );
  return (
    <span>
      {urgencyIcons.week} {t('myWork.dueAt', { at })}
    </span>
  );
}

function ReportItem({
  report,
  onAcknowledge,
  busy,
}: {
  report: ReportToAcknowledge;
  onAcknowledge: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const urgency = urgencyOf(report.dueAt, report.overdue);
  return (
    <li className={`haven-work-${urgency}`}>
      <div className="haven-work-item-main">
        <ReportNumber id={report.reportId} refNo={report.refNo} />{' '}
        {report.immediateDanger && (
          <span className="haven-case-late">
            <WarningFilled aria-hidden /> {t('myWork.danger')}
          </span>
        )}
        <p>{report.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator')) || '—'}</p>
        <p>
          <DivisionName code={report.divisionCode} /> ·{' '}
          {t('myWork.reportedAt', { at: formatMinute(report.reportedAt, t) })} ·{' '}
          <DueText urgency={urgency} dueAt={report.dueAt} />
        </p>
      </div>
      <span className="haven-form-footer">
        <Button
          type="primary"
          icon={<CheckOutlined aria-hidden />}
          loading={busy}
          onClick={onAcknowledge}
          aria-label={t('myWork.acknowledgeReport', { refNo: report.refNo })}
        >
          {t('myWork.acknowledge')}
        </Button>
      </span>
    </li>
  );
}

function StepItem({ step }: { step: CaseStepDue }) {
  const { t } = useTranslation();
  const urgency = urgencyOf(step.dueAt, step.overdue);
  return (
    <li className={`haven-work-${urgency}`}>
      <div className="haven-work-item-main">
        <strong>{ruleText(t, step.rule)}</strong>
        <p>
          <Link to={`/cases/${step.caseId}${actionForRule[step.rule] ? `?act=${actionForRule[step.rule]}` : ''}`}>
            {step.caseNo}
          </Link>
          {` · ${step.childName}`}
        </p>
        <p>
          <DueText urgency={urgency} dueAt={step.dueAt} />
        </p>
      </div>
    </li>
  );
}

/** One line per late step (rule, case or report, deadline): its highest level so far, and how many alerts it raised. */
function latestAlerts(alerts: WorkAlert[]): (WorkAlert & { count: number })[] {
  const byStep = new Map<string, WorkAlert & { count: number }>();
  for (const alert of alerts) {
    const key = `${alert.rule}|${alert.caseId ?? alert.refNo ?? alert.alertId}|${alert.dueAt}`;
    const seen = byStep.get(key);
    if (!seen) byStep.set(key, { ...alert, count: 1 });
    else byStep.set(key, { ...(alert.level > seen.level ? alert : seen), count: seen.count + 1 });
  }
  return [...byStep.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** 我的待办: reports to acknowledge, steps due and escalations, overdue first, in words and icons as well as colour. */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const work = useMyWork();
  const { acknowledge, busy, holder } = useAcknowledge();

  if (work.isPending) return <Spin />;
  if (work.isError)
    return (
      <Alert type="error" showIcon message={t('myWork.loadFailed')} description={describeApiError(work.error, t)} />
    );
  const { reportsToAcknowledge: reports, caseSteps: steps } = work.data;
  const alerts = latestAlerts(work.data.alerts);
  const rank = (item: { dueAt: string | null; overdue: boolean }) =>
    urgencyOrder.indexOf(urgencyOf(item.dueAt, item.overdue));
  const sortedReports = [...reports].sort(
    (a, b) =>
      Number(b.immediateDanger) - Number(a.immediateDanger) ||
      rank(a) - rank(b) ||
      (a.dueAt ?? '').localeCompare(b.dueAt ?? ''),
  );
  const overdueCount =
    [...reports, ...steps].filter((item) => urgencyOf(item.dueAt, item.overdue) === 'overdue').length +
    otherSectionsOverdue(work.data);
  const groups = urgencyOrder.map((urgency) => ({
    urgency,
    items: steps
      .filter((step) => urgencyOf(step.dueAt, step.overdue) === urgency)
      .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '')),
  }));

  return (
    <>
      {holder}
      <p role="status" className={overdueCount > 0 ? 'haven-case-late' : undefined}>
        {overdueCount > 0 && <WarningFilled aria-hidden />}{' '}
        {t('myWork.summary', { overdue: overdueCount, reports: reports.length, alerts: alerts.length })}
      </p>
      {(can('reports.receive') || reports.length > 0) && (
        <section className="haven-work-group" aria-labelledby="haven-work-reports">
          <h2 id="haven-work-reports">
            {t('myWork.reportsTitle')} <span className="haven-secondary">({reports.length})</span>
          </h2>
          {reports.length === 0 ? (
            <p className="haven-secondary">{t('myWork.noReports')}</p>
          ) : (
            <ul className="haven-work-list">
              {sortedReports.map((report) => (
                <ReportItem
                  key={report.reportId}
                  report={report}
                  busy={busy === report.reportId}
                  onAcknowledge={() =>
                    void acknowledge({
                      id: report.reportId,
                      refNo: report.refNo,
                      immediateDanger: report.immediateDanger,
                    })
                  }
                />
              ))}
            </ul>
          )}
        </section>
      )}
      <section className="haven-work-group" aria-labelledby="haven-work-alerts">
        <h2 id="haven-work-alerts">
          {t('myWork.alertsTitle')} <span className="haven-secondary">({alerts.length})</span>
        </h2>
        {alerts.length === 0 ? (
          <p className="haven-secondary">{t('myWork.noAlerts')}</p>
        ) : (
          <ul className="haven-work-list">
            {alerts.map((alert) => (
              <li key={alert.alertId} className="haven-work-overdue">
                <div className="haven-work-item-main">
                  <strong className="haven-case-late">
                    <WarningFilled aria-hidden />{' '}
                    {t('myWork.escalation', {
                      level: alert.level,
                      target: codeText(t, `myWork.target.${alert.target}`, alert.target),
                    })}
                  </strong>
                  <p>
                    {alert.childId && alert.childName && (
                      <>
                        {/* Underlined: a link inside a sentence is not told apart by colour alone (WCAG 1.4.1). */}
                        <Link
                          to={`/registry/${alert.childId}`}
                          className="haven-nowrap"
                          style={{ textDecoration: 'underline' }}
                        >
                          {alert.childName}
                        </Link>
                        {' · '}
                      </>
                    )}
                    {ruleText(t, alert.rule)}
                    {alert.caseId && (
                      <>
                        {' · '}
                        <Link to={`/cases/${alert.caseId}`} className="haven-nowrap">
                          {alert.caseNo ?? t('myWork.openCase')}
                        </Link>
                      </>
                    )}
                    {alert.refNo && alert.reportId && (
                      <>
                        {' · '}
                        <ReportNumber id={alert.reportId} refNo={alert.refNo} />
                      </>
                    )}
                  </p>
                  <p>
                    {t('myWork.overdueSince', { at: formatMinute(alert.dueAt, t) })} ·{' '}
                    {t('myWork.raisedAt', { at: formatMinute(alert.raisedAt, t) })}
                    {alert.clockState !== 'running' && ` · ${t('myWork.stepDoneLate')}`}
                    {alert.count > 1 && ` · ${t('myWork.alertCount', { count: alert.count })}`}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="haven-work-group" aria-labelledby="haven-work-steps">
        <h2 id="haven-work-steps">
          {t('myWork.stepsTitle')} <span className="haven-secondary">({steps.length})</span>
        </h2>
        {steps.length === 0 && <p className="haven-secondary">{t('myWork.noSteps')}</p>}
        {groups
          .filter((group) => group.items.length > 0)
          .map((group) => (
            <div key={group.urgency}>
              <h3 className={group.urgency === 'overdue' ? 'haven-case-late' : undefined}>
                {urgencyIcons[group.urgency]} {t(`myWork.group.${group.urgency}`)} ({group.items.length})
              </h3>
              <ul className="haven-work-list">
                {group.items.map((step) => (
                  <StepItem key={step.clockId} step={step} />
                ))}
              </ul>
            </div>
          ))}
      </section>
      <PlacementWork stays={work.data.stays} tracing={work.data.tracing} />
      <WorkSections work={work.data} />
    </>
  );
}
