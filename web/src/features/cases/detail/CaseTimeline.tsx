import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseAction } from '../api/casesApi';
import { actionText, CaseStatusTag, formatMinute } from '../labels';
import { actionSummary } from './actionSummary';

/** Who did what and when, oldest first; a step taken after its deadline is marked in words too. */
export function CaseTimeline({ actions }: { actions: CaseAction[] }) {
  const { t } = useTranslation();
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-timeline">
      <h2 id="haven-case-timeline">{t('cases.detail.timeline')}</h2>
      <ol className="haven-case-timeline">
        {actions.map((action) => (
          <li key={action.seq} className={action.late ? 'haven-case-timeline-late' : undefined}>
            <div className="haven-case-timeline-head">
              <strong>{actionText(t, action.type)}</strong>
              {action.statusAfter && <CaseStatusTag status={action.statusAfter} />}
              {action.late && (
                <span className="haven-case-late">
                  <WarningFilled aria-hidden /> {t('cases.detail.late')}
                </span>
              )}
            </div>
            <div className="haven-secondary">
              {formatMinute(action.occurredAt, t)} · {action.actorLabel}
            </div>
            <ul className="haven-case-timeline-detail">
              {actionSummary(t, action.type, action.payload).map((line) => (
                <li key={line}>{line}</li>
              ))}
              <SiblingLink payload={action.payload} />
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A sibling's case linked: named, with a link, only when the reader may read it (the server leaves it out otherwise). */
function SiblingLink({ payload }: { payload: CaseAction['payload'] }) {
  const { t } = useTranslation();
  const { caseId, caseNo, childName } = payload;
  if (typeof caseId !== 'string' || typeof caseNo !== 'string') return null;
  return (
    <li>
      {t('cases.detail.siblingCaseLinked')}
      {t('cases.punct.colon')}
      <Link to={`/cases/${caseId}`}>{caseNo}</Link>
      {typeof childName === 'string' ? ` · ${childName}` : null}
    </li>
  );
}
