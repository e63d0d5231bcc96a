import { BarChartOutlined } from '@ant-design/icons';
import { childListPageSchema } from '@contract/registry/search.js';
import { useQuery } from '@tanstack/react-query';
import { queryString, requestParsed } from '../../app/api/client';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth/AuthProvider';
import { useCases } from '../cases/api/casesApi';
import { LinkButton } from '../cases/LinkButton';
import { useChildrenByDivision } from '../insight/insightApi';
import './workbench.css';

function Figure({ value, suppressed }: { value: number | null | undefined; suppressed?: boolean }) {
  const { t } = useTranslation();
  if (suppressed) return <>{t('workbench.suppressed')}</>;
  return <>{value ?? '…'}</>;
}

/** The jurisdiction's key numbers, beside the officer's to-dos: children, cases, cases past a deadline. */
export function NumbersPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const children = useChildrenByDivision(me.user.jurisdictionCode);
  // Someone who reads the files gets the exact number in their scope; the published aggregate hides small counts.
  const files = useQuery({
    queryKey: ['children', 'count'],
    enabled: can('children.read'),
    queryFn: ({ signal }) =>
      requestParsed(childListPageSchema, `/api/children${queryString({ pageSize: 1 })}`, { signal }),
  });
  const cases = useCases({ page: 1 });
  const overdue = useCases({ page: 1, overdue: 'true' });
  return (
    <section className="haven-workbench-part" aria-labelledby="haven-workbench-numbers">
      <h2 id="haven-workbench-numbers">
        <BarChartOutlined aria-hidden /> {t('workbench.numbers', { place: children.data?.within.name ?? '' })}
      </h2>
      <dl className="haven-numbers">
        <div>
          <dt>{t('workbench.childrenInArea')}</dt>
          <dd>
            {can('children.read') ? (
              <Figure value={files.data?.total} />
            ) : (
              <Figure value={children.data?.total} suppressed={children.data?.totalSuppressed} />
            )}
          </dd>
        </div>
        {can('cases.read') && (
          <div>
            <dt>{t('workbench.cases')}</dt>
            <dd>
              <Figure value={cases.data?.total} />
            </dd>
          </div>
        )}
        {can('cases.read') && (
          <div>
            <dt>{t('workbench.overdueCases')}</dt>
            <dd className={overdue.data?.total ? 'haven-case-late' : undefined}>
              <Figure value={overdue.data?.total} />
            </dd>
          </div>
        )}
      </dl>
      <nav className="haven-big-buttons" aria-label={t('workbench.numbersLinks')}>
        <LinkButton to="/insight" size="large" icon={<BarChartOutlined aria-hidden />}>
          {t('nav.insight')}
        </LinkButton>
      </nav>
    </section>
  );
}
