import { CheckOutlined, EyeInvisibleOutlined, PaperClipOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Spin, Tag } from 'antd';
import type { ReportView } from '@contract/reports/views.js';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { useAuth } from '../../../app/auth/AuthProvider';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { CaseStatusTag, codeText, formatMinute, situationText } from '../../cases/labels';
import { DivisionName } from '../../divisions/DivisionName';
import { serviceLabel } from '../../referrals/referralsApi';
import { useReport } from '../reportsApi';
import { LiveDeadline } from './LiveDeadline';
import { useAcknowledge } from './useAcknowledge';
import './drawer.css';

function Withheld({ children }: { children: ReactNode }) {
  return (
    <span className="haven-secondary">
      <EyeInvisibleOutlined aria-hidden /> {children}
    </span>
  );
}

function ReportBody({ report }: { report: ReportView }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const separator = t('cases.punct.listSeparator');
  const reporter = report.reporter;
  const child = report.child ? (
    can('children.read') ? (
      <Link to={`/registry/${report.child.id}`}>{report.child.name}</Link>
    ) : (
      report.child.name
    )
  ) : null;
  const items = [
    {
      key: 'situations',
      label: t('reports.drawer.situations'),
      children: report.situations.map((n) => situationText(t, n)).join(separator),
    },
    {
      key: 'description',
      label: t('reports.drawer.description'),
      children: <p className="haven-drawer-text">{report.description}</p>,
    },
    {
      key: 'child',
      label: t('reports.drawer.child'),
      children: (
        <div>
          {child}
          {report.unknownChild && <p className="haven-drawer-text">{report.unknownChild}</p>}
          {!child && !report.unknownChild && <span className="haven-secondary">{t('reports.drawer.noChild')}</span>}
        </div>
      ),
    },
    {
      key: 'place',
      label: t('reports.drawer.place'),
      children: (
        <div>
          <DivisionName code={report.divisionCode} />
          {report.address && <div>{report.address}</div>}
          {report.masked.address && (
            <div>
              <Withheld>{t('reports.drawer.addressMasked')}</Withheld>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'reporter',
      label: t('reports.drawer.reporter'),
      children: reporter ? (
        reporter.anonymous ? (
          t('reports.drawer.anonymous')
        ) : (
          <div>
            {[reporter.name, reporter.relationship, reporter.organisationName].filter(Boolean).join(separator) || '—'}
            {reporter.phone && (
              <div>
                {report.masked.reporterPhone ? (
                  <>
                    {reporter.phone} <Withheld>{t('reports.drawer.phoneMasked')}</Withheld>
                  </>
                ) : (
                  <a href={`tel:${reporter.phone.replace(/[^\d+]/g, '')}`}>
                    {t('reports.drawer.callBack', { phone: reporter.phone })}
                  </a>
                )}
              </div>
            )}
          </div>
        )
      ) : (
        <Withheld>{t('reports.drawer.reporterWithheld')}</Withheld>
      ),
    },
    {
      key: 'when',
      label: t('reports.drawer.reportedAt'),
      children: (
        <div>
          {formatMinute(report.reportedAt, t)}
          {report.knewAt && (
            <div className="haven-secondary">{t('reports.drawer.knewAt', { at: formatMinute(report.knewAt, t) })}</div>
          )}
        </div>
      ),
    },
  ];
  const { progress } = report;
  return (
    <>
      {report.immediateDanger && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled aria-hidden />}
          message={t('reports.drawer.danger')}
          className="haven-drawer-danger"
        />
      )}
      <section className="haven-drawer-section" aria-labelledby="haven-drawer-progress">
        <h3 id="haven-drawer-progress">{t('reports.drawer.progress')}</h3>
        <p>
          <strong>{t(`reports.stage.${progress.stage}`)}</strong>{' '}
          {progress.caseStatus && <CaseStatusTag status={progress.caseStatus} />}
        </p>
        <p className="haven-secondary">
          {t('reports.drawer.acknowledgedCount', { done: progress.acknowledgedCount, all: progress.recipientCount })}
        </p>
        {progress.outcome && <p>{t('reports.drawer.outcome', { outcome: progress.outcome })}</p>}
        {report.caseId && can('cases.read') && (
          <Link to={`/cases/${report.caseId}`}>{t('reports.drawer.openCase')}</Link>
        )}
      </section>
      <Descriptions className="haven-drawer-details" column={1} layout="vertical" size="small" items={items} />
      <section className="haven-drawer-section" aria-labelledby="haven-drawer-recipients">
        <h3 id="haven-drawer-recipients">{t('reports.drawer.recipients')}</h3>
        <ul className="haven-drawer-recipients">
          {report.recipients.map((recipient) => (
            <li key={recipient.organisationId}>
              <span>
                {recipient.organisationName}{' '}
                <Tag>{codeText(t, `reports.recipientRole.${recipient.role}`, recipient.role)}</Tag>
                {recipient.service && (
                  <Tag color="blue">
                    {t('reports.drawer.providerFor', { service: serviceLabel(recipient.service, i18n.language) })}
                  </Tag>
                )}
              </span>
              {recipient.acknowledgedAt ? (
                <span className="haven-case-met">
                  <CheckOutlined aria-hidden />{' '}
                  {t('reports.drawer.acknowledgedAt', { at: formatMinute(recipient.acknowledgedAt, t) })}
                </span>
              ) : recipient.dueAt && recipient.clockState === 'running' ? (
                <LiveDeadline dueAt={recipient.dueAt} />
              ) : (
                <span className="haven-secondary">{t('reports.drawer.notAcknowledged')}</span>
              )}
            </li>
          ))}
        </ul>
        {report.matrixGaps.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message={t('reports.drawer.matrixGaps', {
              services: report.matrixGaps.map((service) => serviceLabel(service, i18n.language)).join('、'),
            })}
          />
        )}
      </section>
      {report.attachments.length > 0 && (
        <section className="haven-drawer-section" aria-labelledby="haven-drawer-files">
          <h3 id="haven-drawer-files">{t('reports.drawer.attachments')}</h3>
          <ul>
            {report.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/api/reports/${report.id}/attachments/${file.id}`} download>
                  <PaperClipOutlined aria-hidden /> {file.fileName}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** One report as this reader may see it (the server masks and withholds; the drawer says what). */
export function ReportDrawer({ reportId, onClose }: { reportId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const report = useReport(reportId);
  const { acknowledge, busy, holder } = useAcknowledge();
  const data = report.data;
  const inside = useRef<HTMLDivElement>(null);
  // The drawer's body scrolls: keyboard users must be able to reach it (WCAG 2.1.1), as TableFrame does for tables.
  useEffect(() => {
    const body = inside.current?.closest<HTMLElement>('.ant-drawer-body');
    if (body && data) {
      body.tabIndex = 0;
      body.setAttribute('aria-label', t('reports.drawer.title', { refNo: data.refNo }));
    }
  }, [data, t]);
  return (
    <Drawer
      open={reportId !== null}
      onClose={onClose}
      width={phone ? '100%' : 560}
      destroyOnHidden
      title={data ? t('reports.drawer.title', { refNo: data.refNo }) : t('reports.drawer.loading')}
      extra={
        data && <span className="haven-secondary">{codeText(t, `reports.channel.${data.channel}`, data.channel)}</span>
      }
      footer={
        data?.canAcknowledge ? (
          <Button
            type="primary"
            size="large"
            block
            icon={<CheckOutlined aria-hidden />}
            loading={busy === data.id}
            onClick={() => void acknowledge(data).then((done) => done && void report.refetch())}
          >
            {t('myWork.acknowledge')}
          </Button>
        ) : null
      }
    >
      <div ref={inside}>{holder}</div>
      {report.isPending && reportId !== null && <Spin />}
      {report.isError && (
        <Alert
          type="error"
          showIcon
          message={t('reports.drawer.loadFailed')}
          description={describeApiError(report.error, t)}
        />
      )}
      {data && <ReportBody report={data} />}
    </Drawer>
  );
}
