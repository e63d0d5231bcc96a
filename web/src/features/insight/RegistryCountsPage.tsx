import { Alert, Button, Form, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { formatDateTime } from '../../app/format';
import { QueryForm } from '../../app/list/QueryForm';
import { useListParams } from '../../app/list/useListParams';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { codeText } from '../registry/labels';
import { RadioField } from '../registry/RadioField';
import { type CountsBy, type CountsRow, useRegistryCounts } from './registryCountsApi';

const filterKeys = ['within', 'by'] as const;

/** "<5" for a suppressed count, as on the by-division page. */
function Count({ count, threshold }: { count: number | null; threshold: number }) {
  const { t } = useTranslation();
  if (count === null) {
    return (
      <span className="haven-suppressed" title={t('insight.suppressedTitle', { threshold })}>
        {t('insight.suppressedValue', { threshold })}
      </span>
    );
  }
  return <span>{count}</span>;
}

/**
 * 分类与风险统计: active children by confirmed category, or by risk grade, per division one level
 * down, from the counts the server keeps up to date (as of the time shown). Never who.
 */
export default function RegistryCountsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<{ within?: string; by?: CountsBy }>();
  const list = useListParams(filterKeys);
  const within = list.filters.within ?? me.user.jurisdictionCode;
  const by: CountsBy = list.filters.by === 'risk' ? 'risk' : 'category';
  const result = useRegistryCounts(within, by);
  const data = result.data;
  const threshold = data?.threshold ?? 5;
  const canGoDown = data ? data.level !== 'village' : false;
  const valueLabel = (value: string) =>
    codeText(
      t,
      by === 'risk' ? `registry.risk.${value === 'unassessed' ? 'none' : value}` : `registry.category.${value}`,
    );

  const columns: TableColumnsType<CountsRow> = [
    {
      key: 'division',
      title: t('insight.division'),
      fixed: 'left',
      render: (_, row) => {
        const name = row.direct ? t('insight.directAt', { name: row.name ?? row.code }) : (row.name ?? row.code);
        return canGoDown && !row.direct ? (
          <Button type="link" className="haven-inline-link" onClick={() => list.search({ within: row.code, by })}>
            {name}
          </Button>
        ) : (
          name
        );
      },
    },
    ...(data?.values ?? []).map((value, index) => ({
      key: value,
      title: valueLabel(value),
      align: 'right' as const,
      render: (_: unknown, row: CountsRow) => <Count count={row.counts[index] ?? null} threshold={threshold} />,
    })),
  ];

  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={{ within, by }}
        onSearch={(values) => list.search({ within: values.within, by: values.by })}
        onReset={() => list.search({})}
      >
        <Form.Item name="within" label={t('insight.within')} className="haven-query-wide">
          <DivisionPicker allowClear={false} />
        </Form.Item>
        <Form.Item name="by" label={t('insight.counts.by')}>
          <RadioField<CountsBy>
            label={t('insight.counts.by')}
            options={[
              { value: 'category', label: t('insight.counts.byCategory') },
              { value: 'risk', label: t('insight.counts.byRisk') },
            ]}
          />
        </Form.Item>
      </QueryForm>
      <Alert
        type="info"
        showIcon
        className="haven-insight-note"
        message={t('insight.privacyTitle')}
        description={t('insight.counts.note', { threshold })}
      />
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        {result.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(result.error, t)} />
        )}
        {data && (
          <p className="haven-insight-total" role="status">
            {data.countedAt
              ? t('insight.counts.countedAt', { time: formatDateTime(data.countedAt, t) })
              : t('insight.counts.notCounted')}
          </p>
        )}
        <Table<CountsRow>
          rowKey="code"
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={result.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  {t('insight.counts.total', { name: data.within.name ?? data.within.code })}
                </Table.Summary.Cell>
                {data.totals.map((count, index) => (
                  <Table.Summary.Cell key={data.values[index]} index={index + 1} align="right">
                    <Count count={count} threshold={threshold} />
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </section>
    </>
  );
}
