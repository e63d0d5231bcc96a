import type { CaseListItem } from '@contract/cases/views.js';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { useCaseReports } from '../api/childCasesApi';
import type { TimelineEntry } from '../api/timelineApi';

const refNoOf = (entry: TimelineEntry): string | null =>
  typeof entry.details.refNo === 'string' ? entry.details.refNo : null;

/** The case or report a timeline entry is about, by its number, linked to the case. */
export function EntryRecord({ entry, caseNumbers }: { entry: TimelineEntry; caseNumbers: Map<string, string> }) {
  const { t } = useTranslation();
  if (entry.entityType === 'case' && entry.entityId) {
    const caseNo = caseNumbers.get(entry.entityId);
    return caseNo ? (
      <>
        {' · '}
        <Link
          to={`/cases/${encodeURIComponent(entry.entityId)}`}
          aria-label={`${t('registry.timeline.about')} ${caseNo}`}
        >
          {caseNo}
        </Link>
      </>
    ) : null;
  }
  const refNo = entry.entityType === 'report' ? refNoOf(entry) : null;
  return refNo ? <span className="haven-secondary">{` · ${refNo}`}</span> : null;
}

/** 个案与报告: the child's cases (linked, with their status) and the reports received about the child. */
export function CasesAndReports({
  cases,
  received,
  showCases,
}: {
  cases: CaseListItem[] | undefined;
  received: TimelineEntry[];
  showCases: boolean;
}) {
  const { t } = useTranslation();
  // Reports received about the child (its timeline) and those behind its cases, each once.
  const ofCases = useCaseReports(showCases ? (cases ?? []).map((item) => item.id) : []);
  const reports = [
    ...received.map((entry) => ({ key: entry.id, refNo: refNoOf(entry) ?? '—', at: entry.occurredAt })),
    ...ofCases.map((report) => ({ key: report.id, refNo: report.refNo, at: report.reportedAt })),
  ].filter((report, index, all) => all.findIndex((other) => other.refNo === report.refNo) === index);
  return (
    <section className="haven-file-records" aria-labelledby="haven-file-records">
      <h2 id="haven-file-records">{t('registry.timeline.casesAndReports')}</h2>
      {showCases && (
        <div>
          <h3>{t('registry.timeline.cases')}</h3>
          {cases && cases.length > 0 ? (
            <ul>
              {cases.map((item) => (
                <li key={item.id}>
                  <Link to={`/cases/${encodeURIComponent(item.id)}`}>{item.caseNo}</Link>{' '}
                  <Tag>{t(`cases.status.${item.status}`)}</Tag>
                  <span className="haven-secondary">
                    {t('registry.timeline.openedOn', { date: formatDate(item.openedAt, t) })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="haven-secondary">{t('registry.timeline.noCases')}</p>
          )}
        </div>
      )}
      <div>
        <h3>{t('registry.timeline.reports')}</h3>
        {reports.length > 0 ? (
          <ul>
            {reports.map((report) => (
              <li key={report.key}>
                {report.refNo}{' '}
                <span className="haven-secondary">
                  {t('registry.timeline.reportedOn', { date: formatDate(report.at, t) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="haven-secondary">{t('registry.timeline.noReports')}</p>
        )}
      </div>
    </section>
  );
}
