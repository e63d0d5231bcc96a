import { FieldTimeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { owesLegalDeadline } from '@contract/reports/vocabulary.js';
import { codeText } from '../../cases/labels';
import { LiveDeadline } from '../drawer/LiveDeadline';
import { useReport } from '../reportsApi';

/**
 * The legal clocks of a report just sent, counting live: each receiver must acknowledge by its due
 * time (rule data: one hour when danger is flagged). Read again every half minute, so the operator
 * sees who has acknowledged while still on the line. A matrix provider's copy owes no deadline (no
 * clock by design): it is left out here; the result above lists it among where the report went.
 */
export function SentReportClocks({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const report = useReport(reportId, 30_000);
  if (!report.data) return null;
  const receivers = report.data.recipients.filter((recipient) => owesLegalDeadline(recipient.role));
  return (
    <section className="haven-hotline-clocks" aria-labelledby="haven-hotline-clocks">
      <h2 id="haven-hotline-clocks">
        <FieldTimeOutlined aria-hidden /> {t('reports.hotline.clocksTitle')}
      </h2>
      <ul className="haven-drawer-recipients">
        {receivers.map((recipient) => (
          <li key={recipient.organisationId}>
            <span>
              {recipient.organisationName}{' '}
              <span className="haven-secondary">
                {t('cases.punct.parenthesised', {
                  text: codeText(t, `reports.recipientRole.${recipient.role}`, recipient.role),
                })}
              </span>
            </span>
            {recipient.acknowledgedAt ? (
              <span className="haven-case-met">{t('reports.drawer.acknowledged')}</span>
            ) : recipient.dueAt ? (
              <LiveDeadline dueAt={recipient.dueAt} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
