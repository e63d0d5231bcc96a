import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Result } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyButton } from '../../../app/CopyButton';
import { codeText } from '../../cases/labels';
import { serviceLabel } from '../../referrals/referralsApi';
import type { RoutingNotice, SubmittedReport } from '../reportsApi';

/** After sending: the reference number, and where the report went (never the child's data back). */
export function ReportResult({
  report,
  onAnother,
  showRecipients = true,
  extra,
}: {
  report: SubmittedReport;
  onAnother: () => void;
  showRecipients?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Result
      status="success"
      icon={<CheckCircleFilled aria-hidden />}
      title={
        <h2 ref={heading} tabIndex={-1} className="haven-result-title" role="status">
          {t('reports.result.title')}
        </h2>
      }
      subTitle={
        <div>
          <p>{t('reports.result.refLabel')}</p>
          <p className="haven-result-ref" data-testid="report-ref">
            {report.refNo}
          </p>
          <CopyButton text={report.refNo} label={t('reports.result.copy')} />
          <RoutingWarning routing={report.routing} />
          {report.followUpCode && (
            <p>
              {t('reports.result.followUpCode')} <strong className="haven-result-ref">{report.followUpCode}</strong>
            </p>
          )}
          {showRecipients && report.recipients.length > 0 && (
            <>
              <p>{t('reports.result.routedTo')}</p>
              <ul className="haven-result-recipients" aria-label={t('reports.result.routedTo')}>
                {report.recipients.map((recipient) => (
                  <li key={`${recipient.organisationId ?? recipient.organisationName}-${recipient.role ?? ''}`}>
                    {recipient.organisationName}
                    {recipient.role && (
                      <span className="haven-secondary">
                        {t('cases.punct.parenthesised', {
                          text: codeText(t, `reports.recipientRole.${recipient.role}`, recipient.role),
                        })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
              {report.recipients.some((recipient) => recipient.role === 'provider') && (
                <p className="haven-secondary">{t('reports.result.providerCopy')}</p>
              )}
            </>
          )}
        </div>
      }
      extra={[
        <Button key="another" type="primary" onClick={onAnother}>
          {t('reports.result.another')}
        </Button>,
        ...(report.caseId
          ? [
              <Link key="case" to={`/cases/${report.caseId}`}>
                {t('reports.result.openCase', { caseNo: '' })}
              </Link>,
            ]
          : []),
        extra,
      ]}
    />
  );
}

/** The place lacked a receiver: say where the report went instead, or that no police got it. */
function RoutingWarning({ routing }: { routing: RoutingNotice }) {
  const { t, i18n } = useTranslation();
  const role = (code: string | null) => codeText(t, `reports.recipientRole.${code ?? ''}`, code);
  const lines = [
    ...(routing.noPolice
      ? [
          routing.alerted
            ? t('reports.result.routing.noPolice', { organisation: routing.alerted })
            : t('reports.result.routing.noPoliceNobody'),
        ]
      : []),
    ...routing.fallbacks.map((f) =>
      t('reports.result.routing.fallback', { role: role(f.role), organisation: f.organisationName }),
    ),
    ...routing.missing.map((r) => t('reports.result.routing.missing', { role: role(r) })),
    ...routing.gaps.map((gap) =>
      t('reports.result.routing.matrixGap', {
        service: serviceLabel(gap.service, i18n.language),
        organisation: gap.organisationName ?? '—',
      }),
    ),
  ];
  if (lines.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="haven-result-warning"
      message={t('reports.result.routingWarning')}
      description={
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      }
    />
  );
}
