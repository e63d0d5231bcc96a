import { HistoryOutlined, TeamOutlined, WarningFilled } from '@ant-design/icons';
import { childListPageSchema } from '@contract/registry/search.js';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryString, requestParsed } from '../../../app/api/client';
import { CaseStatusTag, formatMinute, situationText } from '../../cases/labels';
import { ReportNumber } from '../drawer/ReportNumber';
import { useEarlierCalls } from '../reportsApi';

/** The value once the operator stopped typing for a moment; stale look-ups are dropped by their query key. */
function useSettled(value: string, ms = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const digitsOf = (phone: string | undefined) => (phone ?? '').replace(/\D/g, '');

/** Earlier calls from the caller's number: shown above the form as soon as the number is typed. */
export function EarlierCalls({ phone }: { phone: string | undefined }) {
  const { t } = useTranslation();
  const digits = useSettled(digitsOf(phone));
  const calls = useEarlierCalls(digits);
  if (digits.length < 7 || !calls.data) return null;
  if (calls.data.length === 0)
    return (
      <p className="haven-secondary haven-hotline-context" role="status">
        <HistoryOutlined aria-hidden /> {t('reports.hotline.noEarlierCalls')}
      </p>
    );
  return (
    <Alert
      type="warning"
      showIcon
      icon={<HistoryOutlined aria-hidden />}
      className="haven-hotline-context"
      role="status"
      message={t('reports.hotline.earlierCalls', { count: calls.data.length })}
      description={
        <ul className="haven-hotline-calls">
          {calls.data.map((call) => (
            <li key={call.id}>
              {call.readable ? (
                <ReportNumber id={call.id} refNo={call.refNo} />
              ) : (
                <span className="haven-code">{call.refNo}</span>
              )}{' '}
              · {formatMinute(call.reportedAt, t)} ·{' '}
              {call.situations.map((n) => situationText(t, n)).join(t('cases.punct.listSeparator'))}
              {call.immediateDanger && (
                <span className="haven-case-late">
                  {' '}
                  <WarningFilled aria-hidden /> {t('myWork.danger')}
                </span>
              )}{' '}
              · {t(`reports.stage.${call.progress.stage}`)}{' '}
              {call.progress.caseStatus && <CaseStatusTag status={call.progress.caseStatus} />}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * Children in the registry who may be the one the caller speaks of, found by the caller's number
 * (a guardian's phone) and name (a guardian's name) as they are typed. Only files in my scope are
 * listed; it never blocks saving.
 */
export function PossibleChildren({ phone, callerName }: { phone: string | undefined; callerName: string | undefined }) {
  const { t } = useTranslation();
  const digits = useSettled(digitsOf(phone));
  const name = useSettled((callerName ?? '').trim());
  const queries = [digits.length >= 7 ? digits : null, name.length >= 2 ? name : null].filter(
    (q): q is string => q !== null,
  );
  const found = useQuery({
    queryKey: ['children', 'hotline-candidates', queries],
    enabled: queries.length > 0,
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        queries.map((q) =>
          requestParsed(childListPageSchema, `/api/children${queryString({ q, pageSize: 5 })}`, { signal }),
        ),
      );
      const seen = new Map(pages.flatMap((page) => page.items).map((child) => [child.id, child]));
      return [...seen.values()];
    },
  });
  return (
    <aside className="haven-hotline-side" aria-labelledby="haven-hotline-children">
      <h2 id="haven-hotline-children">
        <TeamOutlined aria-hidden /> {t('reports.hotline.possibleChildren')}
      </h2>
      {queries.length === 0 ? (
        <p className="haven-secondary">{t('reports.hotline.possibleChildrenHint')}</p>
      ) : found.isFetching && !found.data ? (
        <Spin size="small" />
      ) : found.data && found.data.length > 0 ? (
        <ul role="status">
          {found.data.map((child) => (
            <li key={child.id}>
              <Link to={`/registry/${child.id}`} target="_blank" rel="noopener">
                {child.name}
              </Link>{' '}
              <span className="haven-secondary">
                {[
                  child.age !== null ? t('reports.hotline.age', { age: child.age }) : null,
                  child.residenceName,
                  child.idNumber,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="haven-secondary" role="status">
          {t('reports.hotline.noPossibleChildren')}
        </p>
      )}
      <p className="haven-secondary">{t('reports.hotline.possibleChildrenScope')}</p>
    </aside>
  );
}
