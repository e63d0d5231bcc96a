import type { CaseListItem } from '@contract/cases/views.js';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format';
import { useCaseReports } from '../api/childCasesApi';
import type { TimelineEntry } from '../api/timelineApi';
import { useAuth } from '../../../app/auth/AuthProvider';
import { timelineLink } from '../../../app/routing/featureRegistry';
import { ReportNumber } from '../../reports/drawer/ReportNumber';

const refNoOf = (entry: TimelineEntry): string | null =>
  typeof entry.details.refNo === 'string' ? entry.details.refNo : null;

/** Whether the reader may open reports of others (the drawer then shows what their role may see). */
function useReadsReports(): boolean {
  const { can } = useAuth();
  return can('cases.read') || can('reports.receive');
}

/** A report by its number: a button opening its drawer for those who read reports, else the number. */
function ReportRef({ id, refNo }: { id: string | null; refNo: string }) {
  return useReadsReports() && id ? <ReportNumber id={id} refNo={refNo} /> : <span className="haven-code">{refNo}</span>;
}

/** The case, report or other record a timeline entry is about: by its number, linked where it has a page. */
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
  if (refNo)
    return (
      <>
        {' · '}
        <ReportRef id={entry.entityId} refNo={refNo} />
      </>
    );
  const link = timelineLink(entry.entityType, entry.entityId);
  return link ? (
    <>
      {' · '}
      <Link to={link}>{t('registry.timeline.open')}</Link>
    </>
  ) : null;
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
    ...received.map((entry) => ({
      key: entry.id,
      id: entry.entityId,
      refNo: refNoOf(entry) ?? '—',
      at: entry.occurredAt,
    })),
    ...ofCases.map((report) => ({ key: report.id, id: report.id, refNo: report.refNo, at: report.reportedAt })),
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
                <ReportRef id={report.id} refNo={report.refNo} />{' '}
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
