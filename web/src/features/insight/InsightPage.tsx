import { Alert, Button, Form, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { QueryForm } from '../../app/list/QueryForm';
import { useListParams } from '../../app/list/useListParams';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { useChildrenByDivision, type DivisionCount } from './insightApi';

const filterKeys = ['within'] as const;

/** "<5" for a suppressed count; the explanation stands above the table. */
function CountText({ count, suppressed, threshold }: { count: number | null; suppressed: boolean; threshold: number }) {
  const { t } = useTranslation();
  if (suppressed || count === null) {
    return (
      <span className="haven-suppressed" title={t('insight.suppressedTitle', { threshold })}>
        {t('insight.suppressedValue', { threshold })}
      </span>
    );
  }
  return <span>{count}</span>;
}

/**
 * 统计分析: how many children live in each division one level down, never who. Counts from 1 to
 * 4 come back from the server already suppressed; this page only says so.
 */
export default function InsightPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<{ within?: string }>();
  const list = useListParams(filterKeys);
  const within = list.filters.within ?? me.user.jurisdictionCode;
  const result = useChildrenByDivision(within);
  const data = result.data;
  const canGoDown = data ? data.level !== 'village' : false;

  const columns: TableColumnsType<DivisionCount> = [
    {
      key: 'division',
      title: t('insight.division'),
      render: (_, cell) => {
        const name = cell.direct ? t('insight.directAt', { name: cell.name ?? cell.code }) : (cell.name ?? cell.code);
        return canGoDown && !cell.direct && cell.count !== 0 ? (
          <Button type="link" className="haven-inline-link" onClick={() => list.search({ within: cell.code })}>
            {name}
          </Button>
        ) : (
          name
        );
      },
    },
    {
      key: 'code',
      title: t('insight.code'),
      render: (_, cell) => <span className="haven-code">{cell.code}</span>,
      responsive: ['md'],
    },
    {
      key: 'count',
      title: t('insight.children'),
      align: 'right',
      render: (_, cell) => (
        <CountText count={cell.count} suppressed={cell.suppressed} threshold={data?.threshold ?? 5} />
      ),
    },
  ];

  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={{ within }}
        onSearch={(values) => list.search({ within: values.within })}
        onReset={() => list.search({})}
      >
        <Form.Item name="within" label={t('insight.within')} className="haven-query-wide">
          <DivisionPicker allowClear={false} />
        </Form.Item>
      </QueryForm>
      <Alert
        type="info"
        showIcon
        className="haven-insight-note"
        message={t('insight.privacyTitle')}
        description={t('insight.privacyBody', { threshold: data?.threshold ?? 5 })}
      />
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        {result.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(result.error, t)} />
        )}
        {data && (
          <p className="haven-insight-total" role="status">
            {t('insight.totalIn', { name: data.within.name ?? data.within.code })}{' '}
            <strong>
              <CountText count={data.total} suppressed={data.totalSuppressed} threshold={data.threshold} />
            </strong>
          </p>
        )}
        <Table<DivisionCount>
          rowKey="code"
          columns={columns}
          dataSource={data?.cells ?? []}
          loading={result.isFetching}
          pagination={false}
        />
      </section>
    </>
  );
}
